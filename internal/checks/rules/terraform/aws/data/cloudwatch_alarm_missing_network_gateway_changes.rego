# METADATA
# title: No CloudWatch alarm for network gateway changes
# description: |
#   The module alerts on CloudTrail events through metric filters but none of
#   them, with an alarm, matches changes to internet and customer gateways.
#   Creating or attaching a gateway opens a new path in or out of a VPC, the
#   kind of change an intruder makes to exfiltrate data.
# related_resources:
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: aws-cloudwatch-alarm-missing-network-gateway-changes
#   severity: low
#   kind: terraform
#   resources: [aws_cloudwatch_log_metric_filter, aws_cloudwatch_metric_alarm]
#   cwe: [CWE-778]
#   remediation: Add an aws_cloudwatch_log_metric_filter on the CloudTrail log group whose pattern matches network gateway changes (CreateCustomerGateway, DeleteCustomerGateway, AttachInternetGateway, CreateInternetGateway, DeleteInternetGateway, DetachInternetGateway), and an aws_cloudwatch_metric_alarm on its metric that notifies an SNS topic.
#   related:
#     kics: [6b6874fe-4c2f-4eea-8b90-7cceaa4a125e]
#     trivy: [AVD-AWS-0158]
package ward.checks.aws_cloudwatch_alarm_missing_network_gateway_changes

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

source := ""

names := {"CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"}

deny contains res if {
	aws_data.alarm_missing(source, names)
	f := aws_data.first_trail_filter
	res := lib.result(f, "", sprintf("%s: no metric filter with an alarm matches network gateway changes (CreateCustomerGateway, DeleteCustomerGateway, AttachInternetGateway, CreateInternetGateway, DeleteInternetGateway, DetachInternetGateway)", [f.name]))
}
