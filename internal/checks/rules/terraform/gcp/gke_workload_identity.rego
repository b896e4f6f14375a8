# METADATA
# title: GKE cluster does not use Workload Identity
# description: |
#   Without Workload Identity, pods reach Google APIs as the node's service
#   account through the metadata server, so every pod on a node shares its
#   permissions and can read node credentials. Workload Identity gives each
#   Kubernetes service account its own IAM identity instead.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
# custom:
#   id: gcp-gke-workload-identity
#   severity: medium
#   kind: terraform
#   resources: [google_container_cluster]
#   cwe: [CWE-250]
#   remediation: Add workload_identity_config { workload_pool = "<project>.svc.id.goog" } and set node_config.workload_metadata_config.mode = "GKE_METADATA" on node pools.
package ward.checks.gcp_gke_workload_identity

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_cluster")
	not lib.is_true(object.get(r.config, "enable_autopilot", false))
	lib.known(object.get(r.config, "enable_autopilot", false))
	count(lib.blocks(r.config, "workload_identity_config")) == 0
	res := lib.result(r, "", sprintf("%s has no workload_identity_config", [r.name]))
}
