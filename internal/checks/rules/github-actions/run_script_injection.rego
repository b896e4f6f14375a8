# METADATA
# title: Attacker-controlled context expanded into a run script
# description: |
#   A ${{ }} expression in a run script is pasted into the script text before
#   the shell starts, so an issue title, pull request body, branch name, commit
#   message or comment that contains quotes and shell syntax becomes code that
#   runs with the job's token and secrets. Anyone who can open an issue or a
#   pull request, or push a commit that gets merged, chooses these values.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#   - https://securitylab.github.com/resources/github-actions-untrusted-input/
# custom:
#   id: gha-run-script-injection
#   severity: high
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-94, CWE-78]
#   remediation: Map the value to a variable in the step's env block and use it as a quoted shell variable ("$TITLE") in the script instead of expanding the expression inline.
#   related:
#     kics: [20f14e1a-a899-4e79-9f09-b6a84cd4649b]
#     checkov: [CKV_GHA_2]
package ward.checks.gha_run_script_injection

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	bad := gha.untrusted_in(object.get(s, "run_expressions", []))
	count(bad) > 0
	msg := sprintf("%s: %s expands %s into its run script", [r.name, gha.label(r, s), concat(", ", sort(bad))])
	res := lib.result(r, first_bad(s), msg)
}

# first_bad points at the first expression that expands untrusted input
# (its own line in a multi-line script), or at the run key.
first_bad(s) := ptrs[0] if {
	ptrs := [e.pointer |
		some e in object.get(s, "run_expressions", [])
		count(gha.untrusted_in([e])) > 0
		e.pointer
	]
	count(ptrs) > 0
} else := sprintf("%s/run", [s.pointer])
