# METADATA
# title: KMS key is not rotated at least every 90 days
# description: |
#   A symmetric Cloud KMS key without automatic rotation, or with a period
#   over 90 days, encrypts ever more data with one key version, so a
#   compromised version exposes more data and cryptoperiod requirements are
#   not met.
# related_resources:
#   - https://cloud.google.com/kms/docs/key-rotation
# custom:
#   id: gcp-kms-key-rotation
#   severity: medium
#   kind: terraform
#   resources: [google_kms_crypto_key]
#   cwe: [CWE-324]
#   remediation: Set rotation_period to "7776000s" (90 days) or less.
#   related:
#     checkov: [CKV_GCP_43]
package ward.checks.gcp_kms_key_rotation

import rego.v1

import data.ward.lib

max_seconds := 7776000

symmetric(cfg) if lib.missing(cfg, "purpose")

symmetric(cfg) if cfg.purpose == "ENCRYPT_DECRYPT"

deny contains res if {
	some r in lib.resources("google_kms_crypto_key")
	symmetric(r.config)
	lib.missing(r.config, "rotation_period")
	res := lib.result(r, "", sprintf("%s has no rotation_period", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_kms_crypto_key")
	symmetric(r.config)
	p := r.config.rotation_period
	is_string(p)
	m := regex.find_all_string_submatch_n(`^(\d+(?:\.\d+)?)s$`, p, 1)
	count(m) == 1
	to_number(m[0][1]) > max_seconds
	res := lib.result(r, "/rotation_period", sprintf("%s rotates only every %s (over 90 days)", [r.name, p]))
}
