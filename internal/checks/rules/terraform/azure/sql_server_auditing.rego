# METADATA
# title: SQL server has no auditing policy
# description: |
#   Auditing records logins, queries and permission changes on the server's
#   databases. Without it there is no trail to detect a breach, to tell what
#   data was read or changed, or to meet regulatory retention requirements.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview
# custom:
#   id: azure-sql-server-auditing
#   severity: medium
#   kind: terraform
#   resources: [azurerm_mssql_server, azurerm_sql_server, azurerm_mssql_server_extended_auditing_policy]
#   cwe: [CWE-778]
#   remediation: Add an azurerm_mssql_server_extended_auditing_policy for the server (or an inline extended_auditing_policy block on older providers) sending logs to a storage account, Log Analytics or Event Hub, with 90 days or more of retention.
#   related:
#     checkov: [CKV_AZURE_23]
package ward.checks.azure_sql_server_auditing

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

policy_types := {"azurerm_mssql_server_extended_auditing_policy", "azurerm_sql_server_extended_auditing_policy"}

deny contains res if {
	some r in lib.resources_of({"azurerm_mssql_server", "azurerm_sql_server"})
	count(lib.blocks(r.config, "extended_auditing_policy")) == 0
	not audited(r)
	res := lib.result(r, "", sprintf("%s has no extended auditing policy", [r.name]))
}

audited(r) if {
	some p in lib.resources_of(policy_types)
	some attr in ["server_id", "server_name"]
	tf_azure.linked(p, r, attr)
}

deny contains res if {
	some r in lib.resources("azurerm_mssql_server_extended_auditing_policy")
	lib.is_false(r.config.enabled)
	res := lib.result(r, "/enabled", sprintf("%s disables auditing", [r.name]))
}
