# METADATA
# title: Privileged job trusts github.actor to identify a bot
# description: |
#   github.actor (and github.triggering_actor) is whoever caused the latest
#   event, not the author of the pull request: an attacker can make a bot such
#   as Dependabot act on their own pull request (a rebase, a comment) and pass
#   an "if github.actor == 'dependabot[bot]'" guard in a pull_request_target,
#   workflow_run or issue_comment workflow that then auto-merges or runs their
#   code with secrets.
# related_resources:
#   - https://docs.github.com/en/code-security/dependabot/working-with-dependabot/automating-dependabot-with-github-actions#responding-to-events
#   - https://www.synacktiv.com/publications/github-actions-exploitation-dependabot
# custom:
#   id: gha-spoofable-bot-condition
#   severity: high
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-290]
#   remediation: Check the pull request's author instead (github.event.pull_request.user.login == 'dependabot[bot]'), and keep privileged steps away from code the pull request controls.
package ward.checks.gha_spoofable_bot_condition

import rego.v1

import data.ward.lib
import data.ward.lib.gha

triggers := gha.privileged_triggers | {"issue_comment"}

actor_contexts := {"github.actor", "github.triggering_actor"}

conditions(r) := array.concat(
	[{"exprs": object.get(j, "if_expressions", []), "ptr": sprintf("%s/if", [j.pointer]), "what": sprintf("job %q", [j.job])} | some j in gha.jobs(r)],
	[{"exprs": object.get(s, "if_expressions", []), "ptr": sprintf("%s/if", [s.pointer]), "what": gha.label(r, s)} | some s in gha.steps(r)],
)

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, triggers)
	some c in conditions(r)
	some e in c.exprs
	some ctx in e.contexts
	ctx in actor_contexts
	contains(lower(e.text), "[bot]")
	msg := sprintf("%s: %s trusts %s to identify a bot", [r.name, c.what, ctx])
	res := lib.result(r, c.ptr, msg)
}
