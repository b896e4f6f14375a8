# METADATA
# title: Branch protection does not require pull request reviews
# description: |
#   Without required reviews, anyone with write access can merge changes to
#   the protected branch that nobody else has looked at, so a compromised
#   account or token can ship malicious code straight to the release branch.
# related_resources:
#   - https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging
# custom:
#   id: github-branch-protection-no-reviews
#   severity: medium
#   kind: terraform
#   resources: [github_branch_protection, github_branch_protection_v3]
#   cwe: [CWE-284]
#   remediation: Add required_pull_request_reviews { required_approving_review_count = 1 } (or more), ideally with dismiss_stale_reviews and require_code_owner_reviews.
#   related:
#     checkov: [CKV_GIT_5]
package ward.checks.github_branch_protection_no_reviews

import rego.v1

import data.ward.lib

types := {"github_branch_protection", "github_branch_protection_v3"}

deny contains res if {
	some r in lib.resources_of(types)
	count(lib.blocks(r.config, "required_pull_request_reviews")) == 0
	res := lib.result(r, "", sprintf("%s does not require pull request reviews", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(types)
	some i, rev in lib.blocks(r.config, "required_pull_request_reviews")
	rev.required_approving_review_count == 0
	res := lib.result(r, sprintf("/required_pull_request_reviews/%d/required_approving_review_count", [i]), sprintf("%s requires zero approving reviews", [r.name]))
}
