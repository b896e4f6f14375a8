# METADATA
# title: Workflow grants write permissions at the top level
# description: |
#   Permissions set at the top of a workflow apply to every job, including
#   jobs that only build or test and run third-party code. Write scopes
#   belong on the one job that needs them, so that a compromise of another job
#   cannot use them.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#permissions
#   - https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions
# custom:
#   id: gha-top-level-write-permissions
#   severity: low
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-250]
#   remediation: Make the top-level permissions read-only (contents read, or {}) and move each write scope to the job that needs it.
package ward.checks.gha_top_level_write_permissions

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	perms := r.config.permissions
	is_object(perms)
	some scope, level in perms
	level == "write"
	msg := sprintf("%s grants %s write to every job at the top level", [r.name, scope])
	res := lib.result(r, sprintf("/permissions/%s", [gha.escape(scope)]), msg)
}
