# METADATA
# title: IAM policy is granted directly to a user
# description: |
#   Permissions attached to individual IAM users (inline policies or
#   managed policy attachments) drift from the role a person has, are hard
#   to review and are forgotten when people move on. Granting through
#   groups or roles keeps access reviewable and revocable in one place.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions
# custom:
#   id: aws-iam-user-direct-policy
#   severity: low
#   kind: terraform
#   resources: [aws_iam_user_policy, aws_iam_user_policy_attachment, aws_iam_policy_attachment, aws_iam_user]
#   cwe: [CWE-269]
#   remediation: Move the permissions to a group (aws_iam_group_policy / aws_iam_group_policy_attachment) and add the user to it, or have people assume roles through IAM Identity Center.
#   related:
#     checkov: [CKV_AWS_40]
package ward.checks.aws_iam_user_direct_policy

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"aws_iam_user_policy", "aws_iam_user_policy_attachment"})
	res := lib.result(r, "/user", sprintf("%s grants permissions directly to a user", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_iam_policy_attachment")
	count(lib.as_list(object.get(r.config, "users", []))) > 0
	res := lib.result(r, "/users", sprintf("%s attaches a policy directly to users", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_iam_user")
	count(lib.blocks(r.config, "inline_policy")) > 0
	res := lib.result(r, "/inline_policy/0", sprintf("%s has an inline policy", [r.name]))
}
