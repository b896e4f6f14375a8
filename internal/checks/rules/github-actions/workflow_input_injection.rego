# METADATA
# title: Workflow input expanded into a run script
# description: |
#   A string input of workflow_dispatch or workflow_call is pasted into the run
#   script before the shell starts, so a value containing quotes or $( ) runs
#   as code. Only people with write access (or the calling workflow) set these
#   inputs, so the risk is lower than for event data, but a caller that
#   forwards untrusted data, or a mistyped value, still executes.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#onworkflow_dispatchinputs
# custom:
#   id: gha-workflow-input-injection
#   severity: low
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-94, CWE-78]
#   remediation: Map the input to a variable in the step's env block and use it quoted ("$VERSION"), or declare it as a choice, boolean or number input.
package ward.checks.gha_workflow_input_injection

import rego.v1

import data.ward.lib
import data.ward.lib.gha

safe_types := {"boolean", "number", "choice", "environment"}

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, {"workflow_dispatch", "workflow_call"})
	some s in gha.steps(r)
	names := {n | some c in gha.run_contexts(s); n := input_name(c); not typed_safe(r, n)}
	count(names) > 0
	msg := sprintf("%s: %s expands input(s) %s into its run script", [r.name, gha.label(r, s), concat(", ", sort(names))])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}

input_name(c) := n if {
	parts := split(c, ".")
	count(parts) == 2
	parts[0] == "inputs"
	n := parts[1]
	n != "*"
}

input_name(c) := n if {
	parts := split(c, ".")
	count(parts) == 4
	startswith(c, "github.event.inputs.")
	n := parts[3]
	n != "*"
}

# typed_safe holds when every declaration of the input has a type that
# cannot hold shell syntax (input names are case-insensitive).
typed_safe(r, n) if {
	decls := [d |
		some t in ["workflow_dispatch", "workflow_call"]
		inputs := object.get(r.config, ["on", t, "inputs"], {})
		is_object(inputs)
		some k, d in inputs
		lower(k) == n
	]
	count(decls) > 0
	every d in decls {
		is_object(d)
		d.type in safe_types
	}
}
