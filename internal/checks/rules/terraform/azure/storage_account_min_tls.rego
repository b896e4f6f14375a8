# METADATA
# title: Storage account accepts TLS versions older than 1.2
# description: |
#   A storage account whose minimum TLS version is 1.0 or 1.1 lets clients
#   negotiate protocol versions with known weaknesses (BEAST, weak cipher
#   suites) that are deprecated by Microsoft and by PCI DSS.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version
# custom:
#   id: azure-storage-account-min-tls
#   severity: medium
#   kind: terraform
#   resources: [azurerm_storage_account]
#   cwe: [CWE-326]
#   remediation: Set min_tls_version to "TLS1_2" (the default of azurerm 3.0 and later).
#   related:
#     checkov: [CKV_AZURE_44]
package ward.checks.azure_storage_account_min_tls

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_storage_account")
	v := r.config.min_tls_version
	v in {"TLS1_0", "TLS1_1"}
	res := lib.result(r, "/min_tls_version", sprintf("%s accepts %s as its minimum TLS version", [r.name, v]))
}
