# METADATA
# title: All secrets passed to a reusable workflow of another repository
# description: |
#   secrets inherit hands every secret the caller can read, organization and
#   environment secrets included, to a reusable workflow kept in another
#   repository. That workflow (and any change its owner or an attacker makes
#   to it) then holds credentials it never needed.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idsecretsinherit
#   - https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow
# custom:
#   id: gha-secrets-inherit
#   severity: medium
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-200, CWE-272]
#   remediation: Pass only the secrets the called workflow declares, by name, under the job's secrets mapping.
package ward.checks.gha_secrets_inherit

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	some j in gha.jobs(r)
	gha.remote(j.uses)
	gha.job_config(r, j).secrets == "inherit"
	msg := sprintf("%s: job %q passes every secret to %s", [r.name, j.job, j.uses.action])
	res := lib.result(r, sprintf("%s/secrets", [j.pointer]), msg)
}
