# METADATA
# title: Workflow or job grants the token write-all permissions
# description: |
#   permissions write-all gives the GITHUB_TOKEN write access to every scope:
#   code, releases, packages, workflows' results, issues, deployments and more.
#   Any step that is compromised or injected into (a malicious dependency, an
#   untrusted input) can then push code, publish packages or tamper with
#   releases.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
#   - https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions
# custom:
#   id: gha-permissions-write-all
#   severity: medium
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-250, CWE-272]
#   remediation: Set the top-level permissions to contents read (or {}) and grant each job only the scopes it must write, such as pull-requests write.
#   related:
#     checkov: [CKV2_GHA_1]
package ward.checks.gha_permissions_write_all

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	r.config.permissions == "write-all"
	res := lib.result(r, "/permissions", sprintf("%s grants write-all permissions to every job", [r.name]))
}

deny contains res if {
	some r in gha.workflows
	some j in gha.jobs(r)
	gha.job_config(r, j).permissions == "write-all"
	msg := sprintf("%s: job %q grants write-all permissions", [r.name, j.job])
	res := lib.result(r, sprintf("%s/permissions", [j.pointer]), msg)
}
