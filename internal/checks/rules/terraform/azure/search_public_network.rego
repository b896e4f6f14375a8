# METADATA
# title: Cognitive Search service allows public network access
# description: |
#   A search service with public network access answers queries from the
#   whole Internet, so an index holding business data is one leaked query key
#   away from being read by anyone. Private endpoints keep it on your
#   networks.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/search/service-create-private-endpoint
# custom:
#   id: azure-search-public-network
#   severity: medium
#   kind: terraform
#   resources: [azurerm_search_service]
#   cwe: [CWE-284]
#   remediation: Set public_network_access_enabled = false and reach the service through a private endpoint.
#   related:
#     kics: [4a9e0f00-0765-4f72-a0d4-d31110b78279]
#     checkov: [CKV_AZURE_124]
package ward.checks.azure_search_public_network

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_search_service")
	lib.is_true(r.config.public_network_access_enabled)
	res := lib.result(r, "/public_network_access_enabled", sprintf("%s enables public network access", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_search_service")
	lib.missing(r.config, "public_network_access_enabled")
	res := lib.result(r, "", sprintf("%s does not disable public network access (it defaults to true)", [r.name]))
}
