# METADATA
# title: S3 Block Public Access does not restrict public buckets
# description: |
#   With restrict_public_buckets off, a bucket whose policy is public stays
#   reachable by anonymous users and other accounts. Turning it on limits such
#   buckets to AWS service principals and the owner's account. The setting
#   defaults to false in aws_s3_bucket_public_access_block when omitted.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: aws-s3-public-access-block-restrict
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket_public_access_block, aws_s3_account_public_access_block, module]
#   cwe: [CWE-284]
#   remediation: Set restrict_public_buckets = true in the bucket's (or the account's) public access block, and in the s3-bucket module's inputs.
#   related:
#     checkov: [CKV_AWS_56]
#     trivy: [AVD-AWS-0093]
package ward.checks.aws_s3_public_access_block_restrict

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some g in aws_data.pab_gaps("restrict_public_buckets")
	res := lib.result(g.r, g.ptr, sprintf("%s leaves restrict_public_buckets off", [g.r.name]))
}
