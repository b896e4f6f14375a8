# METADATA
# title: Cloud Storage bucket has no access logging
# description: |
#   Usage logs record every request made to the bucket's objects, with the
#   requester's address. Without them (or Data Access audit logs), reads of
#   leaked or sensitive objects cannot be investigated afterwards.
# related_resources:
#   - https://cloud.google.com/storage/docs/access-logs
# custom:
#   id: gcp-storage-bucket-logging
#   severity: low
#   kind: terraform
#   resources: [google_storage_bucket]
#   cwe: [CWE-778]
#   remediation: Add logging { log_bucket = "<bucket for logs>" } to the bucket, or enable Data Access audit logs for Cloud Storage.
#   related:
#     kics: [d6cabc3a-d57e-48c2-b341-bf3dd4f4a120]
#     checkov: [CKV_GCP_62]
package ward.checks.gcp_storage_bucket_logging

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_storage_bucket")
	count(lib.blocks(r.config, "logging")) == 0
	res := lib.result(r, "", sprintf("%s has no logging block", [r.name]))
}
