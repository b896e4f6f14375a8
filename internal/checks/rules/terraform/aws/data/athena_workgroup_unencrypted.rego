# METADATA
# title: Athena workgroup does not enforce encrypted query results
# description: |
#   The workgroup sets no encryption for query results, or lets clients
#   override its settings (enforce_workgroup_configuration = false), so
#   results, which copy the queried data into S3, can be written
#   unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html
# custom:
#   id: aws-athena-workgroup-unencrypted
#   severity: medium
#   kind: terraform
#   resources: [aws_athena_workgroup]
#   cwe: [CWE-311]
#   remediation: Add configuration { enforce_workgroup_configuration = true, result_configuration { encryption_configuration { encryption_option = "SSE_KMS", kms_key_arn = ... } } } to the workgroup.
#   related:
#     checkov: [CKV_AWS_159, CKV_AWS_82]
#     trivy: [AVD-AWS-0006, AVD-AWS-0007]
package ward.checks.aws_athena_workgroup_unencrypted

import rego.v1

import data.ward.lib

# missing_encryption is the pointer of the innermost block present on the
# way to result_configuration.encryption_configuration, when that is absent.
missing_encryption(cfg) := "" if count(lib.blocks(cfg, "configuration")) == 0

else := "/configuration/0" if count(lib.blocks(lib.block(cfg, "configuration"), "result_configuration")) == 0

else := "/configuration/0/result_configuration/0" if {
	rc := lib.block(lib.block(cfg, "configuration"), "result_configuration")
	count(lib.blocks(rc, "encryption_configuration")) == 0
}

deny contains res if {
	some r in lib.resources("aws_athena_workgroup")
	p := missing_encryption(r.config)
	res := lib.result(r, p, sprintf("%s does not encrypt query results", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_athena_workgroup")
	lib.is_false(lib.block(r.config, "configuration").enforce_workgroup_configuration)
	res := lib.result(r, "/configuration/0/enforce_workgroup_configuration", sprintf("%s lets clients override its encryption settings", [r.name]))
}
