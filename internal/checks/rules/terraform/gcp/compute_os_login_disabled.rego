# METADATA
# title: Compute metadata disables OS Login
# description: |
#   OS Login ties SSH access to IAM identities, so access is granted and
#   revoked with roles, supports 2-step verification and is audited. With it
#   disabled, access falls back to SSH keys pasted into metadata, which are
#   hard to track and to revoke when people leave.
# related_resources:
#   - https://cloud.google.com/compute/docs/oslogin
# custom:
#   id: gcp-compute-os-login-disabled
#   severity: medium
#   kind: terraform
#   resources: [google_compute_instance, google_compute_instance_template, google_compute_project_metadata, google_compute_project_metadata_item]
#   cwe: [CWE-287]
#   remediation: Set the enable-oslogin metadata key to "TRUE" in project metadata and remove instance-level overrides that set it to "FALSE".
#   related:
#     checkov: [CKV_GCP_33, CKV_GCP_34]
package ward.checks.gcp_compute_os_login_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some x in tf_gcp.metadata_values("enable-oslogin")
	lib.is_false(x.v)
	res := lib.result(x.r, x.ptr, sprintf("%s disables OS Login", [x.r.name]))
}
