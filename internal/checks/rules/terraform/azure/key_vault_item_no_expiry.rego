# METADATA
# title: Key vault key or secret never expires
# description: |
#   A key or secret without an expiration date stays valid forever, so nothing
#   forces it to be rotated and a copy that leaked years ago still works.
#   An expiration date makes rotation part of the resource's life cycle and
#   lets Key Vault warn before it lapses.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/keys/how-to-configure-key-rotation
# custom:
#   id: azure-key-vault-item-no-expiry
#   severity: low
#   kind: terraform
#   resources: [azurerm_key_vault_secret, azurerm_key_vault_key]
#   cwe: [CWE-324]
#   remediation: Set expiration_date (an RFC 3339 time) and rotate the item before it lapses; for keys, a rotation_policy with expire_after also works.
#   related:
#     checkov: [CKV_AZURE_41, CKV_AZURE_40]
package ward.checks.azure_key_vault_item_no_expiry

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"azurerm_key_vault_secret", "azurerm_key_vault_key"})
	lib.missing(r.config, "expiration_date")
	not rotation_expires(r)
	res := lib.result(r, "", sprintf("%s has no expiration_date", [r.name]))
}

rotation_expires(r) if {
	policy := lib.block(r.config, "rotation_policy")
	not lib.missing(policy, "expire_after")
}
