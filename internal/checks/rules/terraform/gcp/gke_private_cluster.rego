# METADATA
# title: GKE cluster is not a private cluster
# description: |
#   Without private nodes, every node gets a public IP address and its
#   kubelet and node ports face the Internet; without a private endpoint, the
#   control plane's API server does too. A private cluster keeps both on the
#   VPC, so only networks you connect can reach them.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept
# custom:
#   id: gcp-gke-private-cluster
#   severity: medium
#   kind: terraform
#   resources: [google_container_cluster]
#   cwe: [CWE-284]
#   remediation: Add private_cluster_config { enable_private_nodes = true, enable_private_endpoint = true } (reach the API server through the VPC, a bastion or Connect Gateway).
#   related:
#     kics: [6ccb85d7-0420-4907-9380-50313f80946b]
#     checkov: [CKV_GCP_25, CKV_GCP_18]
package ward.checks.gcp_gke_private_cluster

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_cluster")
	count(lib.blocks(r.config, "private_cluster_config")) == 0
	res := lib.result(r, "", sprintf("%s has no private_cluster_config: nodes and API server are public", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_container_cluster")
	some i, p in lib.blocks(r.config, "private_cluster_config")
	some attr in ["enable_private_nodes", "enable_private_endpoint"]
	lib.false_or_missing(p, attr)
	res := lib.result(r, ptr(p, i, attr), sprintf("%s does not set %s", [r.name, attr]))
}

ptr(p, i, attr) := sprintf("/private_cluster_config/%d/%s", [i, attr]) if lib.has(p, attr)

else := sprintf("/private_cluster_config/%d", [i])
