# METADATA
# title: Workflow uses a privileged trigger
# description: |
#   pull_request_target and workflow_run workflows react to events outsiders
#   can cause (a fork pull request, a run of a pull request workflow) while
#   holding the repository's secrets and a write token. They are safe only if
#   no step runs or interprets data the pull request controls, which is easy
#   to get wrong; review them with particular care.
# related_resources:
#   - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
#   - https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target
# custom:
#   id: gha-dangerous-trigger
#   severity: info
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-829]
#   remediation: Prefer pull_request (no secrets, read-only token); when a privileged trigger is needed, do not check out or execute pull request code, treat every event field and artifact as untrusted, and keep permissions minimal.
package ward.checks.gha_dangerous_trigger

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	some t in gha.triggers(r)
	t in gha.privileged_triggers
	res := lib.result(r, trigger_ptr(r.config.on, t), sprintf("%s runs on %s", [r.name, t]))
}

trigger_ptr(on, _) := "/on" if is_string(on)

trigger_ptr(on, t) := sprintf("/on/%d", [i]) if {
	is_array(on)
	some i, x in on
	x == t
}

trigger_ptr(on, t) := sprintf("/on/%s", [t]) if is_object(on)
