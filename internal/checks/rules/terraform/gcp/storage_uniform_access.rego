# METADATA
# title: Cloud Storage bucket does not use uniform bucket-level access
# description: |
#   Without uniform bucket-level access, each object can carry its own ACL in
#   addition to the bucket's IAM policy. Access then depends on thousands of
#   per-object grants that are hard to audit, and a single object ACL can
#   make a file public even when the bucket policy is private.
# related_resources:
#   - https://cloud.google.com/storage/docs/uniform-bucket-level-access
# custom:
#   id: gcp-storage-uniform-access
#   severity: medium
#   kind: terraform
#   resources: [google_storage_bucket]
#   cwe: [CWE-732]
#   remediation: Set uniform_bucket_level_access = true on the bucket.
#   related:
#     kics: [bb0db090-5509-4853-a827-75ced0b3caa0]
#     checkov: [CKV_GCP_29]
package ward.checks.gcp_storage_uniform_access

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_storage_bucket")
	some attr in ["uniform_bucket_level_access", "bucket_policy_only"]
	lib.is_false(r.config[attr])
	not lib.is_true(object.get(r.config, "uniform_bucket_level_access", false))
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s disables uniform bucket-level access: object ACLs apply", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_storage_bucket")
	lib.missing(r.config, "uniform_bucket_level_access")
	lib.missing(r.config, "bucket_policy_only")
	res := lib.result(r, "", sprintf("%s does not enable uniform bucket-level access (it defaults to false)", [r.name]))
}
