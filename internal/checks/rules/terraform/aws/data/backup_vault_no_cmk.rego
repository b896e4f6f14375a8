# METADATA
# title: Backup vault is not encrypted with a customer managed key
# description: |
#   Without kms_key_arn the vault's recovery points are encrypted with the
#   AWS managed aws/backup key, so their confidentiality depends on IAM alone
#   and the key cannot be restricted, shared for cross-account recovery or
#   audited separately.
# related_resources:
#   - https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
# custom:
#   id: aws-backup-vault-no-cmk
#   severity: low
#   kind: terraform
#   resources: [aws_backup_vault]
#   cwe: [CWE-311]
#   remediation: Set kms_key_arn on the vault to a customer managed KMS key.
#   related:
#     checkov: [CKV_AWS_166]
package ward.checks.aws_backup_vault_no_cmk

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_backup_vault")
	aws_data.blank(r.config, "kms_key_arn")
	res := lib.result(r, aws_data.ptr_of(r.config, "kms_key_arn"), sprintf("%s is encrypted with the AWS managed backup key", [r.name]))
}
