# METADATA
# title: App Service accepts TLS versions older than 1.2
# description: |
#   An App Service or Function App whose minimum TLS version is 1.0 or 1.1
#   lets clients negotiate deprecated protocol versions with known weaknesses,
#   for the site itself or for its SCM (Kudu) deployment endpoint.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-tls-versions
# custom:
#   id: azure-app-service-min-tls
#   severity: medium
#   kind: terraform
#   resources: [azurerm_app_service, azurerm_linux_web_app, azurerm_windows_web_app, azurerm_function_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   cwe: [CWE-326]
#   remediation: Set site_config.minimum_tls_version (min_tls_version on the older resources) and scm_minimum_tls_version to "1.2", the default.
#   related:
#     checkov: [CKV_AZURE_15, CKV_AZURE_145]
package ward.checks.azure_app_service_min_tls

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

deny contains res if {
	some r in lib.resources_of(tf_azure.app_services | tf_azure.function_apps)
	some i, sc in lib.blocks(r.config, "site_config")
	some attr in ["min_tls_version", "minimum_tls_version", "scm_minimum_tls_version", "scm_min_tls_version"]
	v := sc[attr]
	v in {"1.0", "1.1", 1, 1.1}
	res := lib.result(r, sprintf("/site_config/%d/%s", [i, attr]), sprintf("%s accepts TLS %v (%s)", [r.name, v, attr]))
}
