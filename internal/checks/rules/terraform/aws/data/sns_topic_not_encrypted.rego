# METADATA
# title: SNS topic is not encrypted
# description: |
#   Without kms_master_key_id the topic stores messages unencrypted until
#   they are delivered. Notifications often carry alerts with resource
#   details, order data or personal data.
# related_resources:
#   - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: aws-sns-topic-not-encrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_sns_topic]
#   cwe: [CWE-311]
#   remediation: Set kms_master_key_id on the topic (alias/aws/sns, or a customer managed key whose policy lets the publishing services use it).
#   related:
#     kics: [28545147-2fc6-42d5-a1f9-cf226658e591]
#     checkov: [CKV_AWS_26]
#     trivy: [AVD-AWS-0095]
package ward.checks.aws_sns_topic_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_sns_topic")
	aws_data.blank(r.config, "kms_master_key_id")
	res := lib.result(r, aws_data.ptr_of(r.config, "kms_master_key_id"), sprintf("%s stores messages unencrypted", [r.name]))
}
