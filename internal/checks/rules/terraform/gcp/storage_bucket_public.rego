# METADATA
# title: Cloud Storage bucket is readable by anyone
# description: |
#   Granting a role on a bucket to allUsers makes its objects readable (or
#   writable) by anyone on the Internet without authentication, and
#   allAuthenticatedUsers by anyone with any Google account. Either turns a
#   private bucket into a public data leak.
# related_resources:
#   - https://cloud.google.com/storage/docs/access-control/making-data-public
#   - https://cloud.google.com/iam/docs/overview#all-users
# custom:
#   id: gcp-storage-bucket-public
#   severity: high
#   kind: terraform
#   resources: [google_storage_bucket_iam_binding, google_storage_bucket_iam_policy, google_storage_bucket_iam_member, google_storage_bucket_acl, google_storage_bucket_access_control, google_storage_default_object_acl, google_storage_default_object_access_control, google_storage_object_access_control]
#   cwe: [CWE-284]
#   remediation: Remove allUsers and allAuthenticatedUsers from the bucket's IAM bindings and ACLs and grant roles to specific principals; enforce public access prevention on the bucket.
#   related:
#     kics: [a6cd52a1-3056-4910-96a5-894de9f3f3b3]
#     checkov: [CKV_GCP_28]
package ward.checks.gcp_storage_bucket_public

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some g in tf_gcp.iam_grants
	startswith(g.r.type, "google_storage_bucket_iam_")
	g.member in tf_gcp.public_members
	res := lib.result(g.r, g.member_ptr, sprintf("%s grants %s to %s", [g.r.name, tf_gcp.role_text(g.role), g.member]))
}

# A data.google_iam_policy applied to a bucket.
deny contains res if {
	some g in tf_gcp.iam_grants
	g.r.type == "data.google_iam_policy"
	g.member in tf_gcp.public_members
	some p in lib.resources("google_storage_bucket_iam_policy")
	lib.refers(p, g.r)
	res := lib.result(g.r, g.member_ptr, sprintf("%s (the policy of %s) grants %s to %s", [g.r.name, p.name, tf_gcp.role_text(g.role), g.member]))
}

deny contains res if {
	some r in lib.resources_of({"google_storage_bucket_acl", "google_storage_default_object_acl"})
	some attr in ["role_entity", "role_entities"]
	some i, e in lib.as_list(object.get(r.config, attr, []))
	is_string(e)
	some m in tf_gcp.public_members
	endswith(e, concat(":", ["", m]))
	res := lib.result(r, sprintf("/%s/%d", [attr, i]), sprintf("%s grants %s", [r.name, e]))
}

deny contains res if {
	some r in lib.resources_of({"google_storage_bucket_access_control", "google_storage_default_object_access_control", "google_storage_object_access_control"})
	r.config.entity in tf_gcp.public_members
	res := lib.result(r, "/entity", sprintf("%s grants %s to %s", [r.name, tf_gcp.role_text(r.config.role), r.config.entity]))
}
