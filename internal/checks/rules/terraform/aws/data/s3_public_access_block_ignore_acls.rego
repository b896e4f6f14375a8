# METADATA
# title: S3 Block Public Access does not ignore public ACLs
# description: |
#   With ignore_public_acls off, public ACLs already present on the bucket or
#   its objects keep granting access to everyone. Blocking new public ACLs
#   alone does not neutralise the ones set before. The setting defaults to
#   false in aws_s3_bucket_public_access_block when omitted.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
# custom:
#   id: aws-s3-public-access-block-ignore-acls
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket_public_access_block, aws_s3_account_public_access_block, module]
#   cwe: [CWE-284]
#   remediation: Set ignore_public_acls = true in the bucket's (or the account's) public access block, and in the s3-bucket module's inputs.
#   related:
#     checkov: [CKV_AWS_55]
#     trivy: [AVD-AWS-0091]
package ward.checks.aws_s3_public_access_block_ignore_acls

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some g in aws_data.pab_gaps("ignore_public_acls")
	res := lib.result(g.r, g.ptr, sprintf("%s leaves ignore_public_acls off", [g.r.name]))
}
