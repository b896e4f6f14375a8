# METADATA
# title: Database server does not enforce SSL connections
# description: |
#   With SSL enforcement off, the PostgreSQL, MySQL or MariaDB server accepts
#   unencrypted connections, so passwords and query results cross the network
#   in clear text and can be read or altered on the way.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-ssl-connection-security
# custom:
#   id: azure-db-server-ssl-disabled
#   severity: high
#   kind: terraform
#   resources: [azurerm_postgresql_server, azurerm_mysql_server, azurerm_mariadb_server]
#   cwe: [CWE-319]
#   remediation: Set ssl_enforcement_enabled = true.
#   related:
#     checkov: [CKV_AZURE_28, CKV_AZURE_29, CKV_AZURE_47]
package ward.checks.azure_db_server_ssl_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"azurerm_postgresql_server", "azurerm_mysql_server", "azurerm_mariadb_server"})
	some attr in ["ssl_enforcement_enabled", "ssl_enforcement"]
	v := r.config[attr]
	bad(v)
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s does not enforce SSL connections", [r.name]))
}

bad(v) if lib.is_false(v)

bad(v) if {
	is_string(v)
	lower(v) == "disabled"
}
