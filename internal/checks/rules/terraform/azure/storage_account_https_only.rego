# METADATA
# title: Storage account accepts plain HTTP requests
# description: |
#   With secure transfer turned off, the storage account serves blob, file,
#   queue and table requests over unencrypted HTTP. Shared keys, SAS tokens
#   and the data itself then cross the network in clear text, where anyone
#   on the path can read or alter them.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer
# custom:
#   id: azure-storage-account-https-only
#   severity: medium
#   kind: terraform
#   resources: [azurerm_storage_account]
#   cwe: [CWE-319]
#   remediation: Set https_traffic_only_enabled (enable_https_traffic_only before azurerm 4.0) to true, or remove the attribute to keep the provider's default of true.
#   related:
#     kics: [12944ec4-1fa0-47be-8b17-42a034f937c2]
#     checkov: [CKV_AZURE_3]
package ward.checks.azure_storage_account_https_only

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_storage_account")
	some attr in ["enable_https_traffic_only", "https_traffic_only_enabled"]
	lib.is_false(r.config[attr])
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s sets %s to false: requests over plain HTTP are accepted", [r.name, attr]))
}
