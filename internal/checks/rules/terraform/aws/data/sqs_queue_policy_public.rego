# METADATA
# title: SQS queue policy allows everyone
# description: |
#   A queue policy statement allowing Principal "*" without a condition on
#   the caller lets anyone send forged messages into the queue, or receive
#   and delete the messages meant for its consumers.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html
# custom:
#   id: aws-sqs-queue-policy-public
#   severity: high
#   kind: terraform
#   resources: [aws_sqs_queue, aws_sqs_queue_policy]
#   cwe: [CWE-284]
#   remediation: Name the principals in the policy, and for service principals (SNS, S3, EventBridge) add an aws:SourceArn or aws:SourceAccount condition.
#   related:
#     checkov: [CKV_AWS_168]
package ward.checks.aws_sqs_queue_policy_public

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources_of({"aws_sqs_queue", "aws_sqs_queue_policy"})
	some s in aws_data.statements(r, "policy")
	aws_data.public_allow(s)
	res := lib.result(r, "/policy", sprintf("%s's policy allows %v to any principal", [r.name, s.actions]))
}
