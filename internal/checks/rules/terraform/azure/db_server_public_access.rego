# METADATA
# title: Database server allows public network access
# description: |
#   A PostgreSQL, MySQL or MariaDB server with public network access enabled
#   listens on an Internet-facing endpoint; any firewall rule then exposes it
#   to password guessing and exploits from that range. Private endpoints keep
#   the server reachable only from your networks.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-data-access-and-security-private-link
# custom:
#   id: azure-db-server-public-access
#   severity: medium
#   kind: terraform
#   resources: [azurerm_postgresql_server, azurerm_mysql_server, azurerm_mariadb_server]
#   cwe: [CWE-284]
#   remediation: Set public_network_access_enabled = false and connect through a private endpoint.
#   related:
#     checkov: [CKV_AZURE_68, CKV_AZURE_53, CKV_AZURE_48]
package ward.checks.azure_db_server_public_access

import rego.v1

import data.ward.lib

types := {"azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"}

deny contains res if {
	some r in lib.resources_of(types)
	lib.is_true(r.config.public_network_access_enabled)
	res := lib.result(r, "/public_network_access_enabled", sprintf("%s enables public network access", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(types)
	lib.missing(r.config, "public_network_access_enabled")
	res := lib.result(r, "", sprintf("%s does not disable public network access (it defaults to true)", [r.name]))
}
