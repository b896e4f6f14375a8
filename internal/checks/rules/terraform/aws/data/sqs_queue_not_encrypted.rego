# METADATA
# title: SQS queue encryption is turned off
# description: |
#   sqs_managed_sse_enabled = false without kms_master_key_id stores the
#   queue's messages unencrypted for their whole retention period. New
#   queues are encrypted with SQS-managed keys unless this is switched off.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: aws-sqs-queue-not-encrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_sqs_queue]
#   cwe: [CWE-311]
#   remediation: Remove sqs_managed_sse_enabled = false, or set kms_master_key_id to a KMS key.
#   related:
#     checkov: [CKV_AWS_27]
#     trivy: [AVD-AWS-0096]
package ward.checks.aws_sqs_queue_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_sqs_queue")
	lib.is_false(r.config.sqs_managed_sse_enabled)
	aws_data.blank(r.config, "kms_master_key_id")
	res := lib.result(r, "/sqs_managed_sse_enabled", sprintf("%s stores messages unencrypted", [r.name]))
}
