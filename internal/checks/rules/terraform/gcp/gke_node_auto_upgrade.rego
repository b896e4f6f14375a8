# METADATA
# title: GKE node pool has auto-upgrade disabled
# description: |
#   With auto-upgrade off, the node pool keeps its Kubernetes and node image
#   version until someone upgrades it by hand, so security patches for the
#   kubelet, container runtime and kernel are not applied and the nodes drift
#   out of support.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades
# custom:
#   id: gcp-gke-node-auto-upgrade
#   severity: medium
#   kind: terraform
#   resources: [google_container_node_pool, google_container_cluster]
#   cwe: [CWE-1104]
#   remediation: Set management { auto_upgrade = true } (the default) and control timing with maintenance windows and exclusions.
#   related:
#     kics: [b139213e-7d24-49c2-8025-c18faa21ecaa]
#     checkov: [CKV_GCP_10]
package ward.checks.gcp_gke_node_auto_upgrade

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_node_pool")
	some i, m in lib.blocks(r.config, "management")
	lib.is_false(m.auto_upgrade)
	res := lib.result(r, sprintf("/management/%d/auto_upgrade", [i]), sprintf("%s disables node auto-upgrade", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_container_cluster")
	some i, pool in lib.blocks(r.config, "node_pool")
	some j, m in lib.blocks(pool, "management")
	lib.is_false(m.auto_upgrade)
	res := lib.result(r, sprintf("/node_pool/%d/management/%d/auto_upgrade", [i, j]), sprintf("%s disables node auto-upgrade in a node pool", [r.name]))
}
