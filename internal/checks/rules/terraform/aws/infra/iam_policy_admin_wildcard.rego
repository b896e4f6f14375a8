# METADATA
# title: IAM policy grants every action on every resource
# description: |
#   A statement that allows Action "*" on Resource "*" is full administrator
#   access: whoever holds it can read all data, change IAM, disable logging
#   and delete the account's resources. A leaked credential or a compromised
#   workload with such a policy is a compromise of the whole account.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: aws-iam-policy-admin-wildcard
#   severity: high
#   kind: terraform
#   resources: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, data.aws_iam_policy_document]
#   cwe: [CWE-269]
#   remediation: List the specific actions and resource ARNs the principal needs; keep full administrator access to a few break-glass roles guarded by MFA.
#   related:
#     checkov: [CKV_AWS_1, CKV_AWS_62]
#     trivy: [AVD-AWS-0057]
package ward.checks.aws_iam_policy_admin_wildcard

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as iam

deny contains res if {
	some r in iam.carriers
	some s in iam.own_statements(r)
	iam.allows(s)
	iam.identity(s)
	"*" in s.actions
	"*" in s.resources
	res := lib.result(r, s.action_ptr, sprintf("%s allows every action (\"*\") on every resource (\"*\")", [r.name]))
}
