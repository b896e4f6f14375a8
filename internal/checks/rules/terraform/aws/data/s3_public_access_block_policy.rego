# METADATA
# title: S3 Block Public Access does not block public bucket policies
# description: |
#   With block_public_policy off, S3 accepts a bucket policy that grants
#   access to everyone, so a single policy edit can make the whole bucket
#   public. The setting defaults to false in aws_s3_bucket_public_access_block
#   when omitted.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: aws-s3-public-access-block-policy
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket_public_access_block, aws_s3_account_public_access_block, module]
#   cwe: [CWE-284]
#   remediation: Set block_public_policy = true in the bucket's (or the account's) public access block, and in the s3-bucket module's inputs.
#   related:
#     checkov: [CKV_AWS_54]
#     trivy: [AVD-AWS-0087]
package ward.checks.aws_s3_public_access_block_policy

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some g in aws_data.pab_gaps("block_public_policy")
	res := lib.result(g.r, g.ptr, sprintf("%s leaves block_public_policy off", [g.r.name]))
}
