# METADATA
# title: S3 bucket access logging is not enabled
# description: |
#   Without server access logging there is no record of who read, wrote or
#   deleted objects, so a data leak or tampering cannot be investigated or
#   even noticed. Buckets that receive access logs themselves are not judged.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
# custom:
#   id: aws-s3-bucket-logging-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_s3_bucket]
#   cwe: [CWE-778]
#   remediation: Add an aws_s3_bucket_logging for the bucket with a target_bucket dedicated to access logs (or enable CloudTrail data events for the bucket).
#   related:
#     checkov: [CKV_AWS_18]
#     trivy: [AVD-AWS-0089]
package ward.checks.aws_s3_bucket_logging_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some b in lib.resources("aws_s3_bucket")
	not aws_data.bucket_logged(b)
	not aws_data.log_bucket(b)
	res := lib.result(b, "", sprintf("%s has no access logging", [b.name]))
}
