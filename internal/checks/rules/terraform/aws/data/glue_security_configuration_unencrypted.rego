# METADATA
# title: Glue security configuration leaves data unencrypted
# description: |
#   A Glue security configuration with an encryption mode of DISABLED lets
#   the jobs and crawlers that use it write their S3 output, CloudWatch logs
#   or job bookmarks unencrypted; ETL output and logs often contain the very
#   data being processed.
# related_resources:
#   - https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html
# custom:
#   id: aws-glue-security-configuration-unencrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_glue_security_configuration]
#   cwe: [CWE-311]
#   remediation: Set s3_encryption_mode = "SSE-KMS", cloudwatch_encryption_mode = "SSE-KMS" and job_bookmarks_encryption_mode = "CSE-KMS", each with a kms_key_arn.
#   related:
#     checkov: [CKV_AWS_99]
package ward.checks.aws_glue_security_configuration_unencrypted

import rego.v1

import data.ward.lib

parts := {
	"s3_encryption": "s3_encryption_mode",
	"cloudwatch_encryption": "cloudwatch_encryption_mode",
	"job_bookmarks_encryption": "job_bookmarks_encryption_mode",
}

deny contains res if {
	some r in lib.resources("aws_glue_security_configuration")
	ec := lib.block(r.config, "encryption_configuration")
	some part, mode in parts
	some i, b in lib.blocks(ec, part)
	object.get(b, mode, "DISABLED") == "DISABLED"
	ptr := sprintf("/encryption_configuration/0/%s/%d", [part, i])
	res := lib.result(r, ptr, sprintf("%s leaves %s disabled", [r.name, part]))
}
