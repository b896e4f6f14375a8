# METADATA
# title: KMS key rotation is disabled
# description: |
#   Without automatic rotation a symmetric customer managed key keeps the
#   same key material forever, so material exposed once (or data encrypted
#   under it and copied away) stays usable, and compliance regimes requiring
#   yearly rotation fail.
# related_resources:
#   - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   id: aws-kms-key-rotation-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_kms_key]
#   cwe: [CWE-320]
#   remediation: Set enable_key_rotation = true (optionally rotation_period_in_days) on symmetric encryption keys.
#   related:
#     checkov: [CKV_AWS_7]
#     trivy: [AVD-AWS-0065]
package ward.checks.aws_kms_key_rotation_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

# Only symmetric encryption keys in the default key store can rotate.
rotatable(r) if {
	object.get(r.config, "customer_master_key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	object.get(r.config, "key_spec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	object.get(r.config, "key_usage", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
	aws_data.blank(r.config, "custom_key_store_id")
}

deny contains res if {
	some r in lib.resources("aws_kms_key")
	rotatable(r)
	p := aws_data.off(r.config, "enable_key_rotation")
	res := lib.result(r, p, sprintf("%s never rotates its key material", [r.name]))
}
