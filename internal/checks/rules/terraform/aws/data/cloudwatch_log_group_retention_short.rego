# METADATA
# title: CloudWatch log group keeps logs for less than a year
# description: |
#   The log group deletes events after fewer than 365 days. Intrusions are
#   often found months later, and audit logs that expired by then cannot show
#   what happened. A group without retention_in_days keeps events forever and
#   is not reported.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
# custom:
#   id: aws-cloudwatch-log-group-retention-short
#   severity: low
#   kind: terraform
#   resources: [aws_cloudwatch_log_group]
#   cwe: [CWE-779]
#   remediation: Set retention_in_days to 365 or more (or export the logs to long-term storage) for log groups that hold audit or security events.
#   related:
#     checkov: [CKV_AWS_338]
package ward.checks.aws_cloudwatch_log_group_retention_short

import rego.v1

import data.ward.lib

deny contains res if {
	some g in lib.resources("aws_cloudwatch_log_group")
	days := to_number(g.config.retention_in_days)
	days > 0
	days < 365
	res := lib.result(g, "/retention_in_days", sprintf("%s keeps logs for %d days only", [g.name, days]))
}
