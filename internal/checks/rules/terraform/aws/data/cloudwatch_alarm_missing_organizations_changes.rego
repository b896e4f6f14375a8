# METADATA
# title: No CloudWatch alarm for AWS Organizations changes
# description: |
#   The module alerts on CloudTrail events through metric filters but none of
#   them, with an alarm, matches AWS Organizations changes (accounts invited,
#   removed or created, policies and SCPs attached or detached). Such changes
#   can silently lift guardrails from every account of the organization.
#   UpdateOrganizationalUnit (a rename) is not required.
# related_resources:
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: aws-cloudwatch-alarm-missing-organizations-changes
#   severity: low
#   kind: terraform
#   resources: [aws_cloudwatch_log_metric_filter, aws_cloudwatch_metric_alarm]
#   cwe: [CWE-778]
#   remediation: Add an aws_cloudwatch_log_metric_filter on the CloudTrail log group whose pattern matches AWS Organizations changes (eventSource organizations.amazonaws.com), and an aws_cloudwatch_metric_alarm on its metric that notifies an SNS topic.
#   related:
#     kics: [38b85c45-e772-4de8-a247-69619ca137b3]
#     trivy: [AVD-AWS-0174]
package ward.checks.aws_cloudwatch_alarm_missing_organizations_changes

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

source := "organizations.amazonaws.com"

names := {"AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit", "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit", "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType", "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount", "RemoveAccountFromOrganization", "UpdatePolicy"}

deny contains res if {
	aws_data.alarm_missing(source, names)
	f := aws_data.first_trail_filter
	res := lib.result(f, "", sprintf("%s: no metric filter with an alarm matches AWS Organizations changes (eventSource organizations.amazonaws.com)", [f.name]))
}
