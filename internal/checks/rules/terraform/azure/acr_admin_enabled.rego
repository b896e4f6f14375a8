# METADATA
# title: Container registry admin account is enabled
# description: |
#   The admin account is a single shared user name and password with push and
#   pull rights on the whole registry. It cannot be scoped or attributed to a
#   person, and whoever obtains it can replace the images your clusters run.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account
# custom:
#   id: azure-acr-admin-enabled
#   severity: medium
#   kind: terraform
#   resources: [azurerm_container_registry]
#   cwe: [CWE-798]
#   remediation: Set admin_enabled = false and grant AcrPull/AcrPush roles to managed identities or service principals instead.
#   related:
#     checkov: [CKV_AZURE_137]
package ward.checks.azure_acr_admin_enabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_container_registry")
	lib.is_true(r.config.admin_enabled)
	res := lib.result(r, "/admin_enabled", sprintf("%s enables the shared admin account", [r.name]))
}
