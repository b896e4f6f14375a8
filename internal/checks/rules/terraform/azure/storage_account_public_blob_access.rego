# METADATA
# title: Storage account lets containers be made public
# description: |
#   When nested items may be public (allow_nested_items_to_be_public, formerly
#   allow_blob_public_access), any container of the account can be switched to
#   anonymous read access with a single setting, and its blobs are then
#   readable by anyone on the Internet. Turning it off at the account level
#   blocks anonymous access for every container at once.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent
# custom:
#   id: azure-storage-account-public-blob-access
#   severity: medium
#   kind: terraform
#   resources: [azurerm_storage_account]
#   cwe: [CWE-284]
#   remediation: Set allow_nested_items_to_be_public (allow_blob_public_access before azurerm 3.0) to false.
#   related:
#     checkov: [CKV_AZURE_190]
package ward.checks.azure_storage_account_public_blob_access

import rego.v1

import data.ward.lib

attrs := ["allow_nested_items_to_be_public", "allow_blob_public_access"]

deny contains res if {
	some r in lib.resources("azurerm_storage_account")
	some attr in attrs
	lib.is_true(r.config[attr])
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s sets %s to true: its containers may allow anonymous reads", [r.name, attr]))
}

# azurerm 3.x and 4.x default allow_nested_items_to_be_public to true.
deny contains res if {
	some r in lib.resources("azurerm_storage_account")
	every attr in attrs {
		lib.missing(r.config, attr)
	}
	res := lib.result(r, "", sprintf("%s does not set allow_nested_items_to_be_public: the provider defaults it to true, letting containers allow anonymous reads", [r.name]))
}
