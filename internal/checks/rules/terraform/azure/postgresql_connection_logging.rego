# METADATA
# title: PostgreSQL connection logging is turned off
# description: |
#   The log_connections and log_disconnections server parameters record every
#   session, with its client address and user. With them off, password
#   guessing and access from unexpected places leave no trace in the server
#   logs.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/concepts-server-logs
# custom:
#   id: azure-postgresql-connection-logging
#   severity: medium
#   kind: terraform
#   resources: [azurerm_postgresql_configuration, azurerm_postgresql_flexible_server_configuration]
#   cwe: [CWE-778]
#   remediation: Set the value of the log_connections and log_disconnections configurations to "on".
#   related:
#     kics: [c640d783-10c5-4071-b6c1-23507300d333]
package ward.checks.azure_postgresql_connection_logging

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"azurerm_postgresql_configuration", "azurerm_postgresql_flexible_server_configuration"})
	name := r.config.name
	name in {"log_connections", "log_disconnections"}
	lib.is_false(r.config.value)
	res := lib.result(r, "/value", sprintf("%s turns %s off", [r.name, name]))
}
