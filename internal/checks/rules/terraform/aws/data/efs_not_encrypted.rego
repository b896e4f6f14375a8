# METADATA
# title: EFS file system is not encrypted
# description: |
#   The file system stores its files unencrypted at rest (the default in
#   Terraform). Encryption can only be chosen at creation, so the data must
#   be copied to a new file system to fix it later.
# related_resources:
#   - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
# custom:
#   id: aws-efs-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_efs_file_system]
#   cwe: [CWE-311]
#   remediation: Set encrypted = true (and kms_key_id for a customer managed key) on the file system, and mount it with TLS.
#   related:
#     checkov: [CKV_AWS_42]
#     trivy: [AVD-AWS-0037]
package ward.checks.aws_efs_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_efs_file_system")
	p := aws_data.off(r.config, "encrypted")
	res := lib.result(r, p, sprintf("%s stores its files unencrypted", [r.name]))
}
