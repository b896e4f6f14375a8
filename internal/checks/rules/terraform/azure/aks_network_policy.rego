# METADATA
# title: AKS cluster has no network policy engine
# description: |
#   Without a network policy engine (Azure, Calico or Cilium), Kubernetes
#   NetworkPolicy objects are ignored and every pod can reach every other pod.
#   A single compromised workload can then reach databases and internal
#   services across namespaces.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/use-network-policies
# custom:
#   id: azure-aks-network-policy
#   severity: medium
#   kind: terraform
#   resources: [azurerm_kubernetes_cluster]
#   cwe: [CWE-923]
#   remediation: Set network_profile { network_policy = "azure" } (or "calico" or "cilium") and write NetworkPolicies that deny traffic by default.
#   related:
#     checkov: [CKV_AZURE_7]
package ward.checks.azure_aks_network_policy

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	count(lib.blocks(r.config, "network_profile")) == 0
	res := lib.result(r, "", sprintf("%s has no network_profile with a network_policy", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	some i, p in lib.blocks(r.config, "network_profile")
	lib.missing(p, "network_policy")
	res := lib.result(r, sprintf("/network_profile/%d", [i]), sprintf("%s network_profile sets no network_policy", [r.name]))
}
