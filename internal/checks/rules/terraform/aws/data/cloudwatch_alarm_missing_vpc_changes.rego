# METADATA
# title: No CloudWatch alarm for VPC changes
# description: |
#   The module alerts on CloudTrail events through metric filters but none of
#   them, with an alarm, matches VPC changes (VPCs created, deleted or
#   modified, peering connections requested or accepted). Such changes can
#   connect a private network to an attacker's VPC. The retired ClassicLink
#   events are not required.
# related_resources:
#   - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
# custom:
#   id: aws-cloudwatch-alarm-missing-vpc-changes
#   severity: low
#   kind: terraform
#   resources: [aws_cloudwatch_log_metric_filter, aws_cloudwatch_metric_alarm]
#   cwe: [CWE-778]
#   remediation: Add an aws_cloudwatch_log_metric_filter on the CloudTrail log group whose pattern matches VPC changes (CreateVpc, DeleteVpc, ModifyVpcAttribute and the VPC peering events), and an aws_cloudwatch_metric_alarm on its metric that notifies an SNS topic.
#   related:
#     kics: [9d0d4512-1959-43a2-a17f-72360ff06d1b]
#     trivy: [AVD-AWS-0160]
package ward.checks.aws_cloudwatch_alarm_missing_vpc_changes

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

source := ""

names := {"CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"}

deny contains res if {
	aws_data.alarm_missing(source, names)
	f := aws_data.first_trail_filter
	res := lib.result(f, "", sprintf("%s: no metric filter with an alarm matches VPC changes (CreateVpc, DeleteVpc, ModifyVpcAttribute and the VPC peering events)", [f.name]))
}
