# METADATA
# title: S3 bucket versioning is not enabled
# description: |
#   Without versioning, an overwrite or delete destroys the only copy of an
#   object: ransomware, a compromised writer or a faulty job can wipe the
#   bucket's data beyond recovery. Versioning keeps previous versions so they
#   can be restored.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
# custom:
#   id: aws-s3-bucket-versioning-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_s3_bucket, aws_s3_bucket_versioning, module]
#   cwe: [CWE-693]
#   remediation: Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" } (or versioning = { enabled = true } in the s3-bucket module), and expire old versions with a lifecycle rule.
#   related:
#     checkov: [CKV_AWS_21]
#     trivy: [AVD-AWS-0090]
package ward.checks.aws_s3_bucket_versioning_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some b in lib.resources("aws_s3_bucket")
	count(aws_data.bucket_parts(b, "aws_s3_bucket_versioning")) == 0
	p := aws_data.block_off(b.config, "versioning", "enabled")
	res := lib.result(b, p, sprintf("%s does not enable versioning", [b.name]))
}

deny contains res if {
	some v in lib.resources("aws_s3_bucket_versioning")
	status := lib.block(v.config, "versioning_configuration").status
	status in {"Suspended", "Disabled"}
	res := lib.result(v, "/versioning_configuration/0/status", sprintf("%s sets versioning to %q", [v.name, status]))
}

deny contains res if {
	some m in aws_data.modules(aws_data.s3_module)
	lib.is_false(m.config.versioning.enabled)
	res := lib.result(m, "/versioning/enabled", sprintf("%s disables versioning", [m.name]))
}
