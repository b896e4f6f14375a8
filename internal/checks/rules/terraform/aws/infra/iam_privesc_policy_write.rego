# METADATA
# title: IAM principal can rewrite its own permissions
# description: |
#   Actions that write IAM policies on any user, group or role
#   (iam:PutUserPolicy, iam:AttachUserPolicy, iam:PutRolePolicy,
#   iam:CreatePolicyVersion, iam:AddUserToGroup and similar) let the holder
#   grant itself any permission, including full administrator access.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html
# custom:
#   id: aws-iam-privesc-policy-write
#   severity: high
#   kind: terraform
#   resources: [aws_iam_user, aws_iam_group, aws_iam_role, aws_iam_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role_policy]
#   cwe: [CWE-269]
#   remediation: Remove IAM write actions from workload and user policies, or scope them to specific ARNs with a permissions boundary that the principal cannot change.
#   related:
#     kics: [0c10d7da-85c4-4d62-b2a8-d6c104f1bd77]
#     checkov: [CKV_AWS_286]
package ward.checks.aws_iam_privesc_policy_write

import rego.v1

import data.ward.lib.aws_infra as iam

actions := [
	"iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
	"iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
	"iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AddUserToGroup",
]

deny contains res if {
	some res in iam.escalation_hits(actions, "grant itself any permission")
}
