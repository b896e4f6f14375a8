# METADATA
# title: Cloud Storage bucket has no object versioning
# description: |
#   Without versioning, an overwritten or deleted object is gone. Ransomware,
#   a compromised key or a faulty job can then destroy data that versioning
#   would have kept recoverable.
# related_resources:
#   - https://cloud.google.com/storage/docs/object-versioning
# custom:
#   id: gcp-storage-bucket-versioning
#   severity: low
#   kind: terraform
#   resources: [google_storage_bucket]
#   cwe: [CWE-693]
#   remediation: Add versioning { enabled = true } with a lifecycle rule that deletes old noncurrent versions, or use soft delete with a retention period.
#   related:
#     checkov: [CKV_GCP_78]
package ward.checks.gcp_storage_bucket_versioning

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_storage_bucket")
	some i, v in lib.blocks(r.config, "versioning")
	lib.is_false(v.enabled)
	res := lib.result(r, sprintf("/versioning/%d/enabled", [i]), sprintf("%s disables object versioning", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_storage_bucket")
	count(lib.blocks(r.config, "versioning")) == 0
	res := lib.result(r, "", sprintf("%s has no versioning block", [r.name]))
}
