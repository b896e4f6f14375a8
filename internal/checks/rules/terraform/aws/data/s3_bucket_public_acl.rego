# METADATA
# title: S3 bucket ACL grants public access
# description: |
#   A canned ACL of public-read, public-read-write or authenticated-read lets
#   anyone (or any AWS account) list and read the bucket's objects, and
#   public-read-write lets them write too. Public buckets are the most common
#   cause of cloud data leaks.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
# custom:
#   id: aws-s3-bucket-public-acl
#   severity: high
#   kind: terraform
#   resources: [aws_s3_bucket, aws_s3_bucket_acl, module]
#   cwe: [CWE-284]
#   remediation: Set acl to "private" (or remove it) and grant access through bucket policies scoped to known principals; keep S3 Block Public Access on.
#   related:
#     kics: [57b9893d-33b1-4419-bcea-a717ea87e139]
#     checkov: [CKV_AWS_20, CKV_AWS_57]
#     trivy: [AVD-AWS-0092]
package ward.checks.aws_s3_bucket_public_acl

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

public_acls := {"public-read", "public-read-write", "authenticated-read"}

# Buckets and bucket ACLs, and calls of the terraform-aws-modules/s3-bucket
# registry module (its acl input is the bucket's canned ACL).
judged contains r if some r in lib.resources_of({"aws_s3_bucket", "aws_s3_bucket_acl"})

judged contains r if some r in aws_data.modules(aws_data.s3_module)

deny contains res if {
	some r in judged
	acl := r.config.acl
	acl in public_acls
	res := lib.result(r, "/acl", sprintf("%s grants %q access to everyone", [r.name, acl]))
}
