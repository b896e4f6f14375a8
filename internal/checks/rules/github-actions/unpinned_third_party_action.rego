# METADATA
# title: Third-party action not pinned to a commit SHA
# description: |
#   A tag or branch of someone else's repository can be moved to new code at
#   any time, by its owner or by whoever compromises it (as happened to
#   tj-actions/changed-files in 2025), and the next run executes that code with
#   the job's token and secrets. Only a full 40-character commit SHA names
#   immutable code.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions
#   - https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
# custom:
#   id: gha-unpinned-third-party-action
#   severity: medium
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-829, CWE-494]
#   remediation: Pin the action or reusable workflow to the full commit SHA of a reviewed release (uses owner/repo@<40-hex sha> # v1.2.3) and let Dependabot or Renovate propose updates.
package ward.checks.gha_unpinned_third_party_action

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.docs
	some x in gha.uses_refs(r)
	gha.unpinned_remote(x.uses)
	gha.third_party(x.uses)
	msg := sprintf("%s: %s is referenced by %s, not by a commit SHA", [r.name, x.uses.action, ref_name(x.uses)])
	res := lib.result(r, x.ptr, msg)
}

ref_name(u) := sprintf("%q", [u.ref]) if u.ref != ""

else := "no ref"
