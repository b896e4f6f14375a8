# METADATA
# title: App Service allows unencrypted FTP deployments
# description: |
#   With ftps_state set to AllAllowed, the app's deployment endpoint accepts
#   plain FTP, so the publishing credentials and the deployed code cross the
#   network in clear text. An attacker who captures them can replace the
#   application.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps
# custom:
#   id: azure-app-service-ftp-allowed
#   severity: medium
#   kind: terraform
#   resources: [azurerm_app_service, azurerm_linux_web_app, azurerm_windows_web_app, azurerm_function_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   cwe: [CWE-319]
#   remediation: Set site_config.ftps_state to "Disabled" (or "FtpsOnly" if FTP deployment is needed).
#   related:
#     checkov: [CKV_AZURE_78]
package ward.checks.azure_app_service_ftp_allowed

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

deny contains res if {
	some r in lib.resources_of(tf_azure.app_services | tf_azure.function_apps)
	some i, sc in lib.blocks(r.config, "site_config")
	sc.ftps_state == "AllAllowed"
	res := lib.result(r, sprintf("/site_config/%d/ftps_state", [i]), sprintf("%s allows plain FTP deployments", [r.name]))
}
