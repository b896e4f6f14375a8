# METADATA
# title: Workflow does not restrict the GITHUB_TOKEN permissions
# description: |
#   Without a permissions block the token gets the repository's default
#   permissions, which are read/write for all scopes in repositories and
#   organizations created before February 2023 and whenever an administrator
#   chose so. Every step, third-party actions included, can then write to the
#   repository.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token
#   - https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions
# custom:
#   id: gha-missing-permissions
#   severity: low
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-250]
#   remediation: Add a top-level permissions block (contents read, or {}) and grant write scopes per job where needed.
package ward.checks.gha_missing_permissions

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	lib.missing(r.config, "permissions")
	gha.triggers(r) != {"workflow_call"}
	open := sort([j.job | some j in gha.jobs(r); lib.missing(gha.job_config(r, j), "permissions")])
	count(open) > 0
	msg := sprintf("%s has no top-level permissions block, and job(s) %s set none", [r.name, concat(", ", open)])
	res := lib.result(r, "", msg)
}
