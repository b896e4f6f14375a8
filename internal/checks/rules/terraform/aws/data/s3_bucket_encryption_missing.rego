# METADATA
# title: S3 bucket has no default encryption configuration
# description: |
#   The bucket declares no server-side encryption configuration, neither
#   inline nor with aws_s3_bucket_server_side_encryption_configuration. S3
#   applies SSE-S3 to new objects since 2023, but without an explicit
#   configuration the module cannot choose SSE-KMS, key control and audit
#   of key use, or bucket keys, and older buckets stay as they were.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
# custom:
#   id: aws-s3-bucket-encryption-missing
#   severity: low
#   kind: terraform
#   resources: [aws_s3_bucket]
#   cwe: [CWE-311]
#   remediation: Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (sse_algorithm "aws:kms" with a customer managed key where the data is sensitive).
#   related:
#     checkov: [CKV_AWS_19]
#     trivy: [AVD-AWS-0088]
package ward.checks.aws_s3_bucket_encryption_missing

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some b in lib.resources("aws_s3_bucket")
	lib.missing(b.config, "server_side_encryption_configuration")
	count(aws_data.bucket_parts(b, "aws_s3_bucket_server_side_encryption_configuration")) == 0
	res := lib.result(b, "", sprintf("%s has no server-side encryption configuration", [b.name]))
}
