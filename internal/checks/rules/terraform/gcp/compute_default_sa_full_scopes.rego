# METADATA
# title: Instance uses the default service account with full API access
# description: |
#   The Compute Engine default service account holds the Editor role on the
#   project in most projects. Combined with the cloud-platform scope, any
#   process on the instance (or anyone exploiting it) can read the metadata
#   server's token and change almost anything in the project.
# related_resources:
#   - https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
# custom:
#   id: gcp-compute-default-sa-full-scopes
#   severity: high
#   kind: terraform
#   resources: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   cwe: [CWE-250]
#   remediation: Attach a dedicated service account with only the roles the workload needs (service_account { email = google_service_account.x.email }).
#   related:
#     checkov: [CKV_GCP_30, CKV_GCP_31]
package ward.checks.gcp_compute_default_sa_full_scopes

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

full_scopes := {"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}

deny contains res if {
	some r in lib.resources_of(tf_gcp.instance_types)
	some i, sa in lib.blocks(r.config, "service_account")
	tf_gcp.default_compute_sa(sa)
	some j, scope in lib.as_list(object.get(sa, "scopes", []))
	scope in full_scopes
	res := lib.result(r, sprintf("/service_account/%d/scopes/%d", [i, j]), sprintf("%s gives the default service account the cloud-platform scope", [r.name]))
}
