# METADATA
# title: Key vault soft delete is disabled or too short
# description: |
#   Soft delete keeps deleted vaults, keys, secrets and certificates
#   recoverable for a retention period. A vault with soft delete turned off
#   (older azurerm versions) loses deleted keys at once, and the minimum
#   retention of 7 days leaves little time to notice and undo a deletion.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview
# custom:
#   id: azure-key-vault-soft-delete
#   severity: medium
#   kind: terraform
#   resources: [azurerm_key_vault]
#   cwe: [CWE-693]
#   remediation: Remove soft_delete_enabled = false and keep soft_delete_retention_days at 30 days or more (the default is 90).
#   related:
#     checkov: [CKV_AZURE_42]
package ward.checks.azure_key_vault_soft_delete

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_key_vault")
	lib.is_false(r.config.soft_delete_enabled)
	res := lib.result(r, "/soft_delete_enabled", sprintf("%s disables soft delete", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_key_vault")
	days := r.config.soft_delete_retention_days
	is_number(days)
	days < 30
	res := lib.result(r, "/soft_delete_retention_days", sprintf("%s keeps deleted items for only %d days", [r.name, days]))
}
