# METADATA
# title: S3 Block Public Access does not block public ACLs
# description: |
#   With block_public_acls off, S3 accepts requests that set a public ACL on
#   the bucket or its objects, so one careless upload (--acl public-read) or
#   a compromised writer can publish data. The setting defaults to false in
#   aws_s3_bucket_public_access_block when omitted.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: aws-s3-public-access-block-acls
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket_public_access_block, aws_s3_account_public_access_block, module]
#   cwe: [CWE-284]
#   remediation: Set block_public_acls = true in the bucket's (or the account's) public access block, and in the s3-bucket module's inputs.
#   related:
#     kics: [d0cc8694-fcad-43ff-ac86-32331d7e867f]
#     checkov: [CKV_AWS_53]
#     trivy: [AVD-AWS-0086]
package ward.checks.aws_s3_public_access_block_acls

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some g in aws_data.pab_gaps("block_public_acls")
	res := lib.result(g.r, g.ptr, sprintf("%s leaves block_public_acls off", [g.r.name]))
}
