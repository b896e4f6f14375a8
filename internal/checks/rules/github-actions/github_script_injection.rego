# METADATA
# title: Attacker-controlled context expanded into an actions/github-script script
# description: |
#   actions/github-script runs its script input as JavaScript with an
#   authenticated API client. A ${{ }} expression in the script is pasted into
#   the code before it runs, so an issue title, pull request body, branch name
#   or comment containing quotes becomes code that can use the job's token.
# related_resources:
#   - https://github.com/actions/github-script#use-env-as-input
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
# custom:
#   id: gha-github-script-injection
#   severity: high
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-94]
#   remediation: Read the value from the event payload in the script (context.payload.issue.title) or pass it through the step's env block and process.env instead of a ${{ }} expression.
package ward.checks.gha_github_script_injection

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	gha.uses_action(s, "actions", "github-script")
	exprs := [e | some e in object.get(s, "with_expressions", []); e.input == "script"]
	bad := gha.untrusted_in(exprs)
	count(bad) > 0
	msg := sprintf("%s: %s expands %s into its github-script code", [r.name, gha.label(r, s), concat(", ", sort(bad))])
	res := lib.result(r, sprintf("%s/with/script", [s.pointer]), msg)
}
