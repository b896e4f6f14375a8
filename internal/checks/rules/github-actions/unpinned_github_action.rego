# METADATA
# title: GitHub-owned action not pinned to a commit SHA
# description: |
#   Actions published by GitHub (actions/*, github/*) are referenced by
#   movable tags such as v4. The risk is lower than for third-party actions,
#   but a tag can still be moved, and a SHA makes every run reproducible and
#   reviewable.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
#   - https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
# custom:
#   id: gha-unpinned-github-action
#   severity: low
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-829]
#   remediation: Pin the action to the full commit SHA of the release (actions/checkout@<40-hex sha> # v4.2.2) and let Dependabot keep it current.
package ward.checks.gha_unpinned_github_action

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.docs
	some x in gha.uses_refs(r)
	gha.unpinned_remote(x.uses)
	gha.first_party(x.uses)
	msg := sprintf("%s: %s is referenced by %q, not by a commit SHA", [r.name, x.uses.action, x.uses.ref])
	res := lib.result(r, x.ptr, msg)
}
