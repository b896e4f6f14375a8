# METADATA
# title: AKS API server is reachable from any address
# description: |
#   A cluster that is neither private nor restricted to authorized IP ranges
#   exposes its Kubernetes API server to the whole Internet, where it is
#   scanned for and attacked with stolen credentials and API server flaws.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges
#   - https://learn.microsoft.com/en-us/azure/aks/private-clusters
# custom:
#   id: azure-aks-public-api-server
#   severity: medium
#   kind: terraform
#   resources: [azurerm_kubernetes_cluster]
#   cwe: [CWE-284]
#   remediation: Set private_cluster_enabled = true, or list the allowed networks in api_server_access_profile { authorized_ip_ranges = [...] }.
#   related:
#     checkov: [CKV_AZURE_6, CKV_AZURE_115]
package ward.checks.azure_aks_public_api_server

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	lib.false_or_missing(r.config, "private_cluster_enabled")
	not authorized_ranges(r.config)
	res := lib.result(r, private_ptr(r.config), sprintf("%s is not private and does not restrict its API server to authorized IP ranges", [r.name]))
}

private_ptr(cfg) := "/private_cluster_enabled" if lib.has(cfg, "private_cluster_enabled")

else := ""

# authorized_ranges holds when some authorized range is set (or unknown).
authorized_ranges(cfg) if has_ranges(object.get(cfg, "api_server_authorized_ip_ranges", null))

authorized_ranges(cfg) if {
	some p in lib.blocks(cfg, "api_server_access_profile")
	has_ranges(object.get(p, "authorized_ip_ranges", null))
}

has_ranges(v) if lib.unknown(v)

has_ranges(v) if {
	is_array(v)
	count(v) > 0
	not open_range(v)
}

open_range(v) if {
	some c in v
	lib.cidr_open(c)
}
