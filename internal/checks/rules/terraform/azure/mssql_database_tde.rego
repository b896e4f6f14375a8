# METADATA
# title: SQL database transparent data encryption is disabled
# description: |
#   Transparent data encryption encrypts the database files, backups and logs
#   at rest. With it turned off, anyone who obtains a copy of the storage or a
#   backup can read the data directly.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/transparent-data-encryption-tde-overview
# custom:
#   id: azure-mssql-database-tde-disabled
#   severity: high
#   kind: terraform
#   resources: [azurerm_mssql_database]
#   cwe: [CWE-311]
#   remediation: Remove transparent_data_encryption_enabled = false (TDE is on by default).
package ward.checks.azure_mssql_database_tde_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_mssql_database")
	lib.is_false(r.config.transparent_data_encryption_enabled)
	res := lib.result(r, "/transparent_data_encryption_enabled", sprintf("%s turns transparent data encryption off", [r.name]))
}
