# METADATA
# title: S3 bucket policy allows access to everyone
# description: |
#   A bucket policy statement that allows Principal "*" (or {"AWS": "*"})
#   without a condition narrowing the caller (source VPC, account, IP,
#   organization...) opens the granted actions to anyone on the internet.
#   This is how most public-bucket data leaks happen.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
# custom:
#   id: aws-s3-bucket-policy-public
#   severity: high
#   kind: terraform
#   resources: [aws_s3_bucket, aws_s3_bucket_policy, module]
#   cwe: [CWE-284]
#   remediation: Name the principals that need access (accounts, roles, CloudFront origin access control) or add a condition such as aws:SourceVpce, aws:PrincipalOrgID or aws:SourceArn; keep S3 Block Public Access on.
#   related:
#     checkov: [CKV_AWS_70]
package ward.checks.aws_s3_bucket_policy_public

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

judged contains r if some r in lib.resources_of({"aws_s3_bucket", "aws_s3_bucket_policy"})

judged contains r if some r in aws_data.modules(aws_data.s3_module)

deny contains res if {
	some r in judged
	some s in aws_data.statements(r, "policy")
	aws_data.public_allow(s)
	res := lib.result(r, "/policy", sprintf("%s's policy allows %v to any principal", [r.name, s.actions]))
}
