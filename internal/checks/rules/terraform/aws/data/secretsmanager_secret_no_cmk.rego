# METADATA
# title: Secrets Manager secret is not encrypted with a customer managed key
# description: |
#   Without kms_key_id the secret is encrypted with the account's
#   aws/secretsmanager key, which every principal allowed to read secrets can
#   use: a customer managed key adds a key policy that must also grant
#   decryption, and separates who can read which secrets.
# related_resources:
#   - https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
# custom:
#   id: aws-secretsmanager-secret-no-cmk
#   severity: low
#   kind: terraform
#   resources: [aws_secretsmanager_secret]
#   cwe: [CWE-311]
#   remediation: Set kms_key_id to a customer managed KMS key whose policy grants decryption only to the secret's consumers.
#   related:
#     checkov: [CKV_AWS_149]
#     trivy: [AVD-AWS-0098]
package ward.checks.aws_secretsmanager_secret_no_cmk

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_secretsmanager_secret")
	aws_data.blank(r.config, "kms_key_id")
	res := lib.result(r, aws_data.ptr_of(r.config, "kms_key_id"), sprintf("%s is encrypted with the default aws/secretsmanager key", [r.name]))
}
