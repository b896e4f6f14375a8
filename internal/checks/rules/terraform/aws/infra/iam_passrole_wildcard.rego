# METADATA
# title: IAM policy allows iam:PassRole on every role
# description: |
#   iam:PassRole on Resource "*" lets the holder hand any role of the
#   account, including administrator roles, to a service it can start (an
#   EC2 instance, a Lambda function, a Glue job, a CloudFormation stack) and
#   then act with that role's permissions: a classic privilege escalation.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
# custom:
#   id: aws-iam-passrole-wildcard
#   severity: high
#   kind: terraform
#   resources: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, data.aws_iam_policy_document]
#   cwe: [CWE-269]
#   remediation: Limit iam:PassRole to the ARNs of the roles the principal must pass, and add an iam:PassedToService condition.
#   related:
#     checkov: [CKV_AWS_286]
package ward.checks.aws_iam_passrole_wildcard

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as iam

deny contains res if {
	some r in iam.carriers
	some s in iam.own_statements(r)
	iam.identity(s)
	not "*" in s.actions
	iam.grants(s, "iam:PassRole")
	iam.broad_resource(s)
	not s.condition
	res := lib.result(r, s.action_ptr, sprintf("%s allows iam:PassRole on every role", [r.name]))
}
