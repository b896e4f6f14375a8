# METADATA
# title: CloudWatch log group is not encrypted with a KMS key
# description: |
#   Without kms_key_id the log group uses CloudWatch's service-owned
#   encryption, so access to the logs is governed by IAM alone and key use is
#   not audited. Logs often carry tokens, personal data and request bodies;
#   a customer managed key adds a second, auditable gate.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# custom:
#   id: aws-cloudwatch-log-group-no-kms
#   severity: low
#   kind: terraform
#   resources: [aws_cloudwatch_log_group]
#   cwe: [CWE-311]
#   remediation: Set kms_key_id on the log group to a customer managed KMS key whose policy allows the CloudWatch Logs service principal of the region.
#   related:
#     checkov: [CKV_AWS_158]
#     trivy: [AVD-AWS-0017]
package ward.checks.aws_cloudwatch_log_group_no_kms

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some g in lib.resources("aws_cloudwatch_log_group")
	aws_data.blank(g.config, "kms_key_id")
	res := lib.result(g, aws_data.ptr_of(g.config, "kms_key_id"), sprintf("%s is not encrypted with a customer managed KMS key", [g.name]))
}
