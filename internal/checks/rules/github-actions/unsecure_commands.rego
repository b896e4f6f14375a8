# METADATA
# title: Deprecated set-env and add-path workflow commands are re-enabled
# description: |
#   ACTIONS_ALLOW_UNSECURE_COMMANDS=true turns back on the ::set-env:: and
#   ::add-path:: commands that GitHub disabled in 2020: any text a step prints
#   to its log, such as an issue title, a file's content or a tool's output,
#   can then set environment variables (NODE_OPTIONS, LD_PRELOAD) or prepend
#   PATH for every later step and run code.
# related_resources:
#   - https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#environment-files
# custom:
#   id: gha-unsecure-commands-enabled
#   severity: high
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-77, CWE-94]
#   remediation: Remove ACTIONS_ALLOW_UNSECURE_COMMANDS and write variables and paths to the $GITHUB_ENV and $GITHUB_PATH files instead.
#   related:
#     kics: [60fd272d-15f4-4d8f-afe4-77d9c6cc0453]
#     checkov: [CKV_GHA_1]
package ward.checks.gha_unsecure_commands_enabled

import rego.v1

import data.ward.lib
import data.ward.lib.gha

name := "ACTIONS_ALLOW_UNSECURE_COMMANDS"

deny contains res if {
	some r in gha.docs
	some e in gha.env_entries(r)
	upper(e.name) == name
	lib.is_true(e.value)
	res := lib.result(r, e.ptr, sprintf("%s sets %s to true", [r.name, e.name]))
}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	regex.match(`(?i)ACTIONS_ALLOW_UNSECURE_COMMANDS=["']?true`, gha.step_run(r, s))
	msg := sprintf("%s: %s sets %s to true", [r.name, gha.label(r, s), name])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}
