# METADATA
# title: GKE cluster does not enforce network policies
# description: |
#   Unless network policy enforcement (Calico) or GKE Dataplane V2 is on,
#   Kubernetes NetworkPolicy objects have no effect and every pod can reach
#   every other pod, so one compromised workload can reach databases and
#   internal services in all namespaces.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
# custom:
#   id: gcp-gke-network-policy
#   severity: medium
#   kind: terraform
#   resources: [google_container_cluster]
#   cwe: [CWE-923]
#   remediation: Set datapath_provider = "ADVANCED_DATAPATH" (Dataplane V2) or network_policy { enabled = true }, then write default-deny NetworkPolicies.
#   related:
#     checkov: [CKV_GCP_12]
package ward.checks.gcp_gke_network_policy

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_cluster")
	not exempt(r.config)
	some i, p in lib.blocks(r.config, "network_policy")
	lib.is_false(p.enabled)
	res := lib.result(r, sprintf("/network_policy/%d/enabled", [i]), sprintf("%s disables network policy enforcement", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_container_cluster")
	not exempt(r.config)
	count(lib.blocks(r.config, "network_policy")) == 0
	res := lib.result(r, "", sprintf("%s enforces no network policies (no network_policy block, no Dataplane V2)", [r.name]))
}

exempt(cfg) if lib.is_true(cfg.enable_autopilot)

exempt(cfg) if lib.unknown(cfg.enable_autopilot)

exempt(cfg) if cfg.datapath_provider == "ADVANCED_DATAPATH"

exempt(cfg) if lib.unknown(cfg.datapath_provider)
