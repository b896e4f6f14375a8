# METADATA
# title: App Service or Function App accepts plain HTTP
# description: |
#   Unless https_only is set, the app answers requests over unencrypted HTTP,
#   so session cookies, tokens and form data can be read or altered by anyone
#   on the network path. The provider defaults the setting to false.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https
# custom:
#   id: azure-app-service-https-only
#   severity: medium
#   kind: terraform
#   resources: [azurerm_app_service, azurerm_linux_web_app, azurerm_windows_web_app, azurerm_function_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   cwe: [CWE-319]
#   remediation: Set https_only = true so that HTTP requests are redirected to HTTPS.
#   related:
#     checkov: [CKV_AZURE_14, CKV_AZURE_70]
package ward.checks.azure_app_service_https_only

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

deny contains res if {
	some r in lib.resources_of(tf_azure.app_services | tf_azure.function_apps)
	lib.is_false(r.config.https_only)
	res := lib.result(r, "/https_only", sprintf("%s sets https_only to false", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(tf_azure.app_services | tf_azure.function_apps)
	lib.missing(r.config, "https_only")
	res := lib.result(r, "", sprintf("%s does not set https_only (it defaults to false)", [r.name]))
}
