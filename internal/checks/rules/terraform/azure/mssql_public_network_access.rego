# METADATA
# title: SQL server allows public network access
# description: |
#   An Azure SQL logical server with public network access enabled has an
#   Internet-facing endpoint: once a firewall rule admits an address range,
#   its databases can be attacked with password guessing and exploits from
#   there. Private endpoints keep the server off the Internet.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access
# custom:
#   id: azure-mssql-public-network-access
#   severity: medium
#   kind: terraform
#   resources: [azurerm_mssql_server]
#   cwe: [CWE-284]
#   remediation: Set public_network_access_enabled = false and reach the server through a private endpoint.
#   related:
#     kics: [ade36cf4-329f-4830-a83d-9db72c800507]
#     checkov: [CKV_AZURE_113]
package ward.checks.azure_mssql_public_network_access

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_mssql_server")
	lib.is_true(r.config.public_network_access_enabled)
	res := lib.result(r, "/public_network_access_enabled", sprintf("%s enables public network access", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_mssql_server")
	lib.missing(r.config, "public_network_access_enabled")
	res := lib.result(r, "", sprintf("%s does not disable public network access (it defaults to true)", [r.name]))
}
