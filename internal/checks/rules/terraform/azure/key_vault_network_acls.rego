# METADATA
# title: Key vault accepts connections from any network
# description: |
#   A key vault without network ACLs denying traffic by default answers
#   requests from the whole Internet, so stolen credentials can be used to
#   read secrets and keys from anywhere. Restricting the vault to known
#   virtual networks and addresses (or private endpoints) contains that risk.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/general/network-security
# custom:
#   id: azure-key-vault-network-acls
#   severity: medium
#   kind: terraform
#   resources: [azurerm_key_vault]
#   cwe: [CWE-284]
#   remediation: Add network_acls { default_action = "Deny", bypass = "AzureServices" } with the allowed subnets and IP ranges, or set public_network_access_enabled to false and use a private endpoint.
#   related:
#     checkov: [CKV_AZURE_109]
package ward.checks.azure_key_vault_network_acls

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_key_vault")
	acls := lib.block(r.config, "network_acls")
	lower(acls.default_action) == "allow"
	pna := object.get(r.config, "public_network_access_enabled", null)
	lib.known(pna)
	not lib.is_false(pna)
	res := lib.result(r, "/network_acls/0/default_action", sprintf("%s network ACLs allow any network by default", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_key_vault")
	count(lib.blocks(r.config, "network_acls")) == 0
	pna := object.get(r.config, "public_network_access_enabled", null)
	lib.known(pna)
	not lib.is_false(pna)
	res := lib.result(r, "", sprintf("%s has no network ACLs and public network access: it accepts connections from any network", [r.name]))
}
