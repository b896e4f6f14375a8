# METADATA
# title: Database firewall rule admits a wide public address range
# description: |
#   A server-level firewall rule whose range spans far more than one network
#   (0.0.0.0 to 255.255.255.255 at worst) exposes the database endpoint to a
#   large part of the Internet, where it is scanned for and attacked with
#   password guessing and exploits. Rules should name the few addresses that
#   need access. The special rule 0.0.0.0 - 0.0.0.0 (Azure services) is not
#   reported.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure
# custom:
#   id: azure-database-firewall-open
#   severity: high
#   kind: terraform
#   resources: [azurerm_mssql_firewall_rule, azurerm_sql_firewall_rule, azurerm_postgresql_firewall_rule, azurerm_postgresql_flexible_server_firewall_rule, azurerm_mysql_firewall_rule, azurerm_mysql_flexible_server_firewall_rule, azurerm_mariadb_firewall_rule]
#   cwe: [CWE-284]
#   remediation: Limit start_ip_address and end_ip_address to the addresses of the clients that need access, or use private endpoints and virtual network rules.
#   related:
#     checkov: [CKV_AZURE_11]
package ward.checks.azure_database_firewall_open

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

rule_types := {
	"azurerm_mssql_firewall_rule", "azurerm_sql_firewall_rule",
	"azurerm_postgresql_firewall_rule", "azurerm_postgresql_flexible_server_firewall_rule",
	"azurerm_mysql_firewall_rule", "azurerm_mysql_flexible_server_firewall_rule",
	"azurerm_mariadb_firewall_rule",
}

deny contains res if {
	some r in lib.resources_of(rule_types)
	start := r.config.start_ip_address
	end := r.config.end_ip_address
	tf_azure.wide_public_range(start, end)
	res := lib.result(r, "/start_ip_address", sprintf("%s admits %s - %s", [r.name, start, end]))
}
