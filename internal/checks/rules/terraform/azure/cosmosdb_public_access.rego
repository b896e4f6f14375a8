# METADATA
# title: Cosmos DB account accepts connections from any network
# description: |
#   A Cosmos DB account with public network access and neither an IP range
#   filter nor virtual network filtering answers requests from the whole
#   Internet, so a leaked account key or resource token can be used from
#   anywhere to read or change the data.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-firewall
# custom:
#   id: azure-cosmosdb-public-access
#   severity: medium
#   kind: terraform
#   resources: [azurerm_cosmosdb_account]
#   cwe: [CWE-284]
#   remediation: Set public_network_access_enabled = false and use private endpoints, or restrict access with ip_range_filter and is_virtual_network_filter_enabled with virtual_network_rule blocks.
#   related:
#     checkov: [CKV_AZURE_99, CKV_AZURE_101]
package ward.checks.azure_cosmosdb_public_access

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_cosmosdb_account")
	pna := object.get(r.config, "public_network_access_enabled", null)
	lib.known(pna)
	not lib.is_false(pna)
	not ip_filtered(r.config)
	not lib.is_true(object.get(r.config, "is_virtual_network_filter_enabled", false))
	lib.known(object.get(r.config, "is_virtual_network_filter_enabled", false))
	res := lib.result(r, ptr(r.config), sprintf("%s accepts connections from any network", [r.name]))
}

ptr(cfg) := "/public_network_access_enabled" if lib.has(cfg, "public_network_access_enabled")

else := ""

ip_filtered(cfg) if lib.unknown(cfg.ip_range_filter)

ip_filtered(cfg) if {
	is_string(cfg.ip_range_filter)
	trim_space(cfg.ip_range_filter) != ""
}

ip_filtered(cfg) if {
	is_array(cfg.ip_range_filter)
	count(cfg.ip_range_filter) > 0
}
