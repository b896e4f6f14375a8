# METADATA
# title: Composite action expands its inputs into a run script
# description: |
#   A composite action's ${{ inputs.x }} in a run script is pasted into the
#   script text before the shell starts. Callers routinely pass pull request
#   titles, branch names or other event data as inputs, so a value with
#   quotes or $( ) runs as code in every workflow that uses the action.
# related_resources:
#   - https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#runs-for-composite-actions
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
# custom:
#   id: gha-composite-action-input-injection
#   severity: medium
#   kind: github-actions
#   resources: [action]
#   cwe: [CWE-94, CWE-78]
#   remediation: Map each input to a variable in the step's env block (INPUT_NAME set to the inputs expression) and use it quoted ("$INPUT_NAME") in the script.
package ward.checks.gha_composite_action_input_injection

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.actions
	lower(gha.derived(r).using) == "composite"
	some s in gha.steps(r)
	names := {parts[1] |
		some c in gha.run_contexts(s)
		parts := split(c, ".")
		parts[0] == "inputs"
		count(parts) >= 2
	}
	count(names) > 0
	msg := sprintf("%s: %s expands input(s) %s into its run script", [r.name, gha.label(r, s), concat(", ", sort(names))])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}
