# METADATA
# title: Key vault purge protection is disabled
# description: |
#   Without purge protection, a deleted key vault or a deleted key, secret or
#   certificate can be purged at once instead of staying recoverable for the
#   retention period. An attacker or a mistake can then destroy the keys that
#   protect encrypted data for good.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection
# custom:
#   id: azure-key-vault-purge-protection
#   severity: medium
#   kind: terraform
#   resources: [azurerm_key_vault]
#   cwe: [CWE-693]
#   remediation: Set purge_protection_enabled = true (it cannot be turned off again once enabled).
#   related:
#     checkov: [CKV_AZURE_110]
package ward.checks.azure_key_vault_purge_protection

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_key_vault")
	lib.is_false(r.config.purge_protection_enabled)
	res := lib.result(r, "/purge_protection_enabled", sprintf("%s disables purge protection", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_key_vault")
	lib.missing(r.config, "purge_protection_enabled")
	res := lib.result(r, "", sprintf("%s does not enable purge protection (it defaults to false)", [r.name]))
}
