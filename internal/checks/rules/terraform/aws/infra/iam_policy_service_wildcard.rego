# METADATA
# title: IAM policy grants all actions of a service on every resource
# description: |
#   A statement allowing "service:*" on Resource "*" (for example "s3:*" or
#   "iam:*") grants every current and future action of that service,
#   including deletion, policy changes and data export, across the whole
#   account. Such grants are rarely needed and turn any leak of the
#   principal's credentials into a service-wide compromise.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
# custom:
#   id: aws-iam-policy-service-wildcard
#   severity: medium
#   kind: terraform
#   resources: [aws_iam_policy, aws_iam_role_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role, data.aws_iam_policy_document]
#   cwe: [CWE-269]
#   remediation: Replace the service wildcard with the actions the workload uses (IAM Access Analyzer can generate them from CloudTrail), scoped to specific resource ARNs.
#   related:
#     checkov: [CKV_AWS_63]
#     trivy: [AVD-AWS-0057]
package ward.checks.aws_iam_policy_service_wildcard

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as iam

deny contains res if {
	some r in iam.carriers
	some s in iam.own_statements(r)
	iam.allows(s)
	iam.identity(s)
	not "*" in s.actions
	"*" in s.resources
	wild := {a | some a in s.actions; regex.match(`^[A-Za-z0-9-]+:\*$`, a)}
	count(wild) > 0
	res := lib.result(r, s.action_ptr, sprintf("%s allows %s on every resource", [r.name, concat(", ", wild)]))
}
