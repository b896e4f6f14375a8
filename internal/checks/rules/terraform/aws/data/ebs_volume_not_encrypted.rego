# METADATA
# title: EBS volume is not encrypted
# description: |
#   The volume's data, and every snapshot taken of it, is stored
#   unencrypted. A snapshot shared or made public by mistake, or copied by
#   a compromised account, exposes the whole disk. Volumes restored from a
#   snapshot, and modules that turn on EBS encryption by default, are not
#   judged.
# related_resources:
#   - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: aws-ebs-volume-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_ebs_volume]
#   cwe: [CWE-311]
#   remediation: Set encrypted = true (with kms_key_id for a customer managed key), or enable aws_ebs_encryption_by_default for the account and region.
#   related:
#     checkov: [CKV_AWS_3]
#     trivy: [AVD-AWS-0026]
package ward.checks.aws_ebs_volume_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

# encrypted_by_default: the module enables EBS encryption by default.
encrypted_by_default if {
	some d in lib.resources("aws_ebs_encryption_by_default")
	not lib.is_false(object.get(d.config, "enabled", true))
}

deny contains res if {
	not encrypted_by_default
	some r in lib.resources("aws_ebs_volume")
	aws_data.blank(r.config, "snapshot_id")
	p := aws_data.off(r.config, "encrypted")
	res := lib.result(r, p, sprintf("%s stores its data unencrypted", [r.name]))
}
