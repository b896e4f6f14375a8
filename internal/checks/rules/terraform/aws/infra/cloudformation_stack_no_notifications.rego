# METADATA
# title: CloudFormation stack sends no event notifications
# description: |
#   Without notification_arns, nobody is told when the stack is created,
#   updated, rolled back or deleted. Unexpected changes to infrastructure
#   managed by the stack, including malicious ones, go unnoticed.
# related_resources:
#   - https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
# custom:
#   id: aws-cloudformation-stack-no-notifications
#   severity: low
#   kind: terraform
#   resources: [aws_cloudformation_stack]
#   cwe: [CWE-778]
#   remediation: Set notification_arns to an SNS topic that operators or an alerting pipeline subscribe to.
#   related:
#     kics: [b72d0026-f649-4c91-a9ea-15d8f681ac09]
package ward.checks.aws_cloudformation_stack_no_notifications

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_cloudformation_stack")
	lib.missing(r.config, "notification_arns")
	res := lib.result(r, "", sprintf("%s has no notification_arns", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_cloudformation_stack")
	r.config.notification_arns == []
	res := lib.result(r, "/notification_arns", sprintf("%s has an empty notification_arns list", [r.name]))
}
