# METADATA
# title: S3 bucket ACL grant gives access to all users
# description: |
#   An ACL grant to the AllUsers group gives anyone on the internet the
#   granted permission, and a grant to AuthenticatedUsers gives it to every
#   AWS account in the world. Explicit grants bypass the review a canned ACL
#   name invites and leak or expose the bucket's data to tampering.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#specifying-grantee-predefined-groups
# custom:
#   id: aws-s3-bucket-acl-grant-public
#   severity: high
#   kind: terraform
#   resources: [aws_s3_bucket, aws_s3_bucket_acl]
#   cwe: [CWE-284]
#   remediation: Remove grants to the AllUsers and AuthenticatedUsers groups; grant access to specific accounts or through a bucket policy, and keep S3 Block Public Access on.
package ward.checks.aws_s3_bucket_acl_grant_public

import rego.v1

import data.ward.lib

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

# grants lists {"uri", "ptr"} of the grantee URIs of a bucket's inline
# grant blocks or of an aws_s3_bucket_acl's access_control_policy.
grants(r) := [{"uri": g.uri, "ptr": sprintf("/grant/%d/uri", [i])} |
	some i, g in lib.blocks(r.config, "grant")
] if r.type == "aws_s3_bucket"

grants(r) := [{"uri": ge.uri, "ptr": sprintf("/access_control_policy/0/grant/%d/grantee/0/uri", [i])} |
	acp := lib.block(r.config, "access_control_policy")
	some i, g in lib.blocks(acp, "grant")
	ge := lib.block(g, "grantee")
] if r.type == "aws_s3_bucket_acl"

deny contains res if {
	some r in lib.resources_of({"aws_s3_bucket", "aws_s3_bucket_acl"})
	some g in grants(r)
	g.uri in public_groups
	group := regex.replace(g.uri, `^.*/`, "")
	res := lib.result(r, g.ptr, sprintf("%s grants access to the %s group", [r.name, group]))
}
