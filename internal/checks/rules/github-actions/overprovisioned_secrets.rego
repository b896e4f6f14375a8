# METADATA
# title: Every secret of the repository exposed to one step
# description: |
#   toJSON(secrets), or secrets indexed by a computed name, makes GitHub hand
#   every secret the workflow can read (organization and environment secrets
#   included) to the step instead of the one it needs. A compromised or
#   injected step then leaks all of them, and masking does not cover the JSON
#   encoding of each value.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/accessing-contextual-information-about-workflow-runs#secrets-context
# custom:
#   id: gha-overprovisioned-secrets
#   severity: medium
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-200, CWE-272]
#   remediation: Reference each secret the step needs by name (secrets.DEPLOY_TOKEN) instead of the whole secrets context.
package ward.checks.gha_overprovisioned_secrets

import rego.v1

import data.ward.lib
import data.ward.lib.gha

whole(c) if c in {"secrets", "secrets.*"}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	some e in object.get(s, "run_expressions", [])
	some c in e.contexts
	whole(c)
	msg := sprintf("%s: %s reads the whole secrets context (%s)", [r.name, gha.label(r, s), e.text])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	some e in object.get(s, "with_expressions", [])
	some c in e.contexts
	whole(c)
	msg := sprintf("%s: %s passes the whole secrets context to input %s", [r.name, gha.label(r, s), e.input])
	res := lib.result(r, sprintf("%s/with/%s", [s.pointer, gha.escape(e.input)]), msg)
}

deny contains res if {
	some r in gha.docs
	some e in gha.env_entries(r)
	is_string(e.value)
	regex.match(`(?i)\$\{\{[^}]*(\bsecrets\s*\)|\bsecrets\s*\[\s*[^'\s])`, e.value)
	msg := sprintf("%s: env %s reads the whole secrets context", [r.name, e.name])
	res := lib.result(r, e.ptr, msg)
}
