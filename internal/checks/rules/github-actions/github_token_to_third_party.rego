# METADATA
# title: GITHUB_TOKEN passed to a third-party action
# description: |
#   The step hands the job's GITHUB_TOKEN to an action not published by
#   GitHub. The action can use every permission the token has for the length
#   of the job, so its trustworthiness and the token's permissions decide what
#   a compromised release of it could do to the repository.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
# custom:
#   id: gha-github-token-to-third-party-action
#   severity: info
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-272]
#   remediation: Review the action, pin it to a commit SHA and restrict the job's permissions to what the action needs.
package ward.checks.gha_github_token_to_third_party_action

import rego.v1

import data.ward.lib
import data.ward.lib.gha

token_contexts := {"github.token", "secrets.github_token"}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	gha.third_party(s.uses)
	some e in object.get(s, "with_expressions", [])
	some c in e.contexts
	c in token_contexts
	msg := sprintf("%s: %s passes the GITHUB_TOKEN to %s (input %s)", [r.name, gha.label(r, s), s.uses.action, e.input])
	res := lib.result(r, sprintf("%s/with/%s", [s.pointer, gha.escape(e.input)]), msg)
}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	gha.third_party(s.uses)
	env := gha.step_config(r, s).env
	is_object(env)
	some k, v in env
	is_string(v)
	regex.match(`(?i)\$\{\{[^}]*\b(github\.token|secrets\.github_token)\b`, v)
	msg := sprintf("%s: %s passes the GITHUB_TOKEN to %s (env %s)", [r.name, gha.label(r, s), s.uses.action, k])
	res := lib.result(r, sprintf("%s/env/%s", [s.pointer, gha.escape(k)]), msg)
}
