# METADATA
# title: S3 bucket policy does not require HTTPS
# description: |
#   Without a statement denying requests where aws:SecureTransport is false,
#   S3 serves the bucket over plain HTTP too, so credentials-signed requests
#   and the data they carry can be read or altered on the network. A policy
#   that denies HTTPS or allows HTTP makes it worse.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
# custom:
#   id: aws-s3-bucket-policy-http
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket, aws_s3_bucket_policy, module]
#   cwe: [CWE-319]
#   remediation: 'Add a statement with Effect "Deny", Principal "*", Action "s3:*" on the bucket and its objects, and Condition {"Bool": {"aws:SecureTransport": "false"}} (the s3-bucket module does this with attach_deny_insecure_transport_policy = true).'
#   related:
#     kics: [4bc4dd4c-7d8d-405e-a0fb-57fa4c31b4d9]
#     checkov: [CKV_AWS_379]
package ward.checks.aws_s3_bucket_policy_http

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

judged contains r if some r in lib.resources_of({"aws_s3_bucket", "aws_s3_bucket_policy"})

judged contains r if {
	some r in aws_data.modules(aws_data.s3_module)
	v := object.get(r.config, "attach_deny_insecure_transport_policy", null)
	not lib.is_true(v)
	lib.known(v)
}

# denies_http: a statement denying everyone when the request is not TLS.
denies_http(stmts) if {
	some s in stmts
	s.effect == "Deny"
	s.public
	aws_data.secure_transport_is(s, "false")
}

# allows_only_https: every Allow statement requires TLS.
allows_only_https(stmts) if {
	allows := [s | some s in stmts; s.effect == "Allow"]
	count(allows) > 0
	every s in allows {
		aws_data.secure_transport_is(s, "true")
	}
}

deny contains res if {
	some r in judged
	stmts := aws_data.statements(r, "policy")
	count(stmts) > 0
	aws_data.complete(r, "policy")
	not denies_http(stmts)
	not allows_only_https(stmts)
	res := lib.result(r, "/policy", sprintf("%s's policy does not deny requests without TLS (aws:SecureTransport)", [r.name]))
}
