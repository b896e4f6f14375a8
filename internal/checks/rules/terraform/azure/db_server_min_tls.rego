# METADATA
# title: Database server accepts TLS versions older than 1.2
# description: |
#   A PostgreSQL or MySQL server whose minimal TLS version is 1.0 or 1.1, or
#   that disables TLS version enforcement, lets clients negotiate deprecated
#   protocol versions with known weaknesses.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/postgresql/single-server/how-to-tls-configurations
# custom:
#   id: azure-db-server-min-tls
#   severity: medium
#   kind: terraform
#   resources: [azurerm_postgresql_server, azurerm_mysql_server]
#   cwe: [CWE-326]
#   remediation: Set ssl_minimal_tls_version_enforced to "TLS1_2" (the default).
#   related:
#     checkov: [CKV_AZURE_147, CKV_AZURE_54]
package ward.checks.azure_db_server_min_tls

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"azurerm_postgresql_server", "azurerm_mysql_server"})
	v := r.config.ssl_minimal_tls_version_enforced
	v in {"TLS1_0", "TLS1_1", "TLSEnforcementDisabled"}
	res := lib.result(r, "/ssl_minimal_tls_version_enforced", sprintf("%s accepts %s", [r.name, v]))
}
