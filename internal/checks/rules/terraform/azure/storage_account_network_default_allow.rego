# METADATA
# title: Storage account network rules allow traffic by default
# description: |
#   Without network rules whose default action is Deny, the storage account's
#   endpoints accept connections from any network, so a leaked key or SAS token
#   can be used from anywhere on the Internet. Denying by default and allowing
#   only known virtual networks and addresses limits that exposure.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security
# custom:
#   id: azure-storage-account-network-default-allow
#   severity: medium
#   kind: terraform
#   resources: [azurerm_storage_account, azurerm_storage_account_network_rules]
#   cwe: [CWE-284]
#   remediation: Add network_rules { default_action = "Deny" } (or an azurerm_storage_account_network_rules resource) listing the allowed subnets and IP ranges, or set public_network_access_enabled to false.
#   related:
#     checkov: [CKV_AZURE_35]
package ward.checks.azure_storage_account_network_default_allow

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

deny contains res if {
	some r in lib.resources("azurerm_storage_account")
	rules := lib.block(r.config, "network_rules")
	lower(rules.default_action) == "allow"
	res := lib.result(r, "/network_rules/0/default_action", sprintf("%s network rules allow traffic from any network by default", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_storage_account_network_rules")
	lower(r.config.default_action) == "allow"
	res := lib.result(r, "/default_action", sprintf("%s allows traffic from any network by default", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_storage_account")
	count(lib.blocks(r.config, "network_rules")) == 0
	not separate_rules(r)
	not lib.is_false(object.get(r.config, "public_network_access_enabled", null))
	lib.known(object.get(r.config, "public_network_access_enabled", null))
	res := lib.result(r, "", sprintf("%s has no network rules: its endpoints accept connections from any network", [r.name]))
}

separate_rules(r) if {
	some n in lib.resources("azurerm_storage_account_network_rules")
	some attr in ["storage_account_id", "storage_account_name"]
	tf_azure.linked(n, r, attr)
}
