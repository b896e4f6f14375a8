# METADATA
# title: CloudTrail log bucket has access logging disabled
# description: |
#   The S3 bucket that stores a CloudTrail trail's logs has no server access
#   logging, so reads and deletions of the audit trail itself leave no
#   record: an intruder can read or remove evidence unnoticed.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
# custom:
#   id: aws-cloudtrail-bucket-logging-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket, module, aws_cloudtrail]
#   cwe: [CWE-778]
#   remediation: Add an aws_s3_bucket_logging for the trail's bucket (or the s3-bucket module's logging input) that delivers access logs to a separate bucket.
#   related:
#     kics: [ee9e50e8-b2ed-4176-ad42-8fc0cf7593f4]
#     trivy: [AVD-AWS-0163]
package ward.checks.aws_cloudtrail_bucket_logging_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some b in aws_data.trail_buckets
	b.type == "aws_s3_bucket"
	not aws_data.bucket_logged(b)
	res := lib.result(b, "", sprintf("%s stores CloudTrail logs but has no access logging", [b.name]))
}

deny contains res if {
	some m in aws_data.trail_buckets
	m.type == "module"
	not aws_data.module_logged(m)
	res := lib.result(m, "", sprintf("%s stores CloudTrail logs but has no access logging", [m.name]))
}
