# METADATA
# title: GKE API server is not limited to authorized networks
# description: |
#   Unless the control plane endpoint is private or master authorized
#   networks list the allowed ranges, the Kubernetes API server accepts
#   connections from any address, exposing it to credential attacks and API
#   server vulnerabilities from the whole Internet.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# custom:
#   id: gcp-gke-master-authorized-networks
#   severity: medium
#   kind: terraform
#   resources: [google_container_cluster]
#   cwe: [CWE-284]
#   remediation: Add master_authorized_networks_config with cidr_blocks for your administration networks, or make the endpoint private.
#   related:
#     checkov: [CKV_GCP_20]
package ward.checks.gcp_gke_master_authorized_networks

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_cluster")
	not private_endpoint(r.config)
	count(lib.blocks(r.config, "master_authorized_networks_config")) == 0
	res := lib.result(r, "", sprintf("%s has no master_authorized_networks_config", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_container_cluster")
	not private_endpoint(r.config)
	some i, man in lib.blocks(r.config, "master_authorized_networks_config")
	some j, b in lib.blocks(man, "cidr_blocks")
	lib.cidr_open(b.cidr_block)
	ptr := sprintf("/master_authorized_networks_config/%d/cidr_blocks/%d/cidr_block", [i, j])
	res := lib.result(r, ptr, sprintf("%s authorizes %s to reach the API server", [r.name, b.cidr_block]))
}

private_endpoint(cfg) if {
	some p in lib.blocks(cfg, "private_cluster_config")
	not lib.false_or_missing(p, "enable_private_endpoint")
}
