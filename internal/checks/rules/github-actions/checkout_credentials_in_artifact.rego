# METADATA
# title: Checkout credentials can be uploaded in an artifact
# description: |
#   actions/checkout stores the job's token in .git/config unless
#   persist-credentials is false. A later upload-artifact step that includes
#   hidden files (include-hidden-files true, or upload-artifact v3 and older,
#   which always did) can publish that token in an artifact anyone with read
#   access, on a public repository anyone, can download while the job runs.
# related_resources:
#   - https://github.com/actions/checkout#usage
#   - https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/
# custom:
#   id: gha-checkout-credentials-in-artifact
#   severity: low
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-522, CWE-200]
#   remediation: Set persist-credentials false on actions/checkout, and upload only the build output paths with upload-artifact v4.4 or later, without include-hidden-files.
package ward.checks.gha_checkout_credentials_in_artifact

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.docs
	some c in gha.steps(r)
	gha.is_checkout(c)
	persists(gha.step_with(r, c))
	some u in gha.steps(r)
	u.job == c.job
	u.index > c.index
	gha.uses_action(u, "actions", "upload-artifact")
	uploads_hidden(u, gha.step_with(r, u))
	msg := sprintf("%s: %s keeps the token in .git/config and %s may upload it", [r.name, gha.label(r, c), gha.label(r, u)])
	res := lib.result(r, ptr(c, gha.step_with(r, c)), msg)
}

persists(w) if lib.missing(w, "persist-credentials")

persists(w) if lib.is_true(w["persist-credentials"])

uploads_hidden(_, w) if lib.is_true(w["include-hidden-files"])

uploads_hidden(u, _) if regex.match(`^v[123](\.|$)`, u.uses.ref)

ptr(c, w) := sprintf("%s/with/persist-credentials", [c.pointer]) if lib.has(w, "persist-credentials")

else := sprintf("%s/uses", [c.pointer])
