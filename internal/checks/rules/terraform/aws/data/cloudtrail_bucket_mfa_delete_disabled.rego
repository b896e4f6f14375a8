# METADATA
# title: CloudTrail log bucket does not require MFA delete
# description: |
#   The bucket that stores a CloudTrail trail's logs does not enable MFA
#   delete, so anyone holding credentials with delete permissions can remove
#   log object versions or suspend versioning and erase the audit trail
#   without a second factor.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
# custom:
#   id: aws-cloudtrail-bucket-mfa-delete-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_s3_bucket, aws_s3_bucket_versioning, aws_cloudtrail]
#   cwe: [CWE-308]
#   remediation: Enable versioning with MFA delete on the trail's bucket (aws_s3_bucket_versioning with mfa_delete = "Enabled" and the root user's mfa), or protect the logs with S3 Object Lock.
#   related:
#     trivy: [AVD-AWS-0170]
package ward.checks.aws_cloudtrail_bucket_mfa_delete_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some b in aws_data.trail_buckets
	b.type == "aws_s3_bucket"
	count(aws_data.bucket_parts(b, "aws_s3_bucket_versioning")) == 0
	count(aws_data.bucket_parts(b, "aws_s3_bucket_object_lock_configuration")) == 0
	lib.missing(b.config, "object_lock_configuration")
	p := aws_data.block_off(b.config, "versioning", "mfa_delete")
	res := lib.result(b, p, sprintf("%s stores CloudTrail logs without MFA delete", [b.name]))
}

deny contains res if {
	some b in aws_data.trail_buckets
	b.type == "aws_s3_bucket"
	count(aws_data.bucket_parts(b, "aws_s3_bucket_object_lock_configuration")) == 0
	lib.missing(b.config, "object_lock_configuration")
	some v in aws_data.bucket_parts(b, "aws_s3_bucket_versioning")
	vc := lib.block(v.config, "versioning_configuration")
	not vc.mfa_delete == "Enabled"
	lib.known(object.get(vc, "mfa_delete", null))
	p := concat("", ["/versioning_configuration/0", aws_data.ptr_of(vc, "mfa_delete")])
	res := lib.result(v, p, sprintf("%s versions CloudTrail logs of %s without MFA delete", [v.name, b.name]))
}
