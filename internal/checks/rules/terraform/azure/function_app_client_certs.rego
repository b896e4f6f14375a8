# METADATA
# title: Function App does not require client certificates
# description: |
#   With client certificates optional, any caller that knows a function's URL
#   (and key, when one is required) can invoke it. Requiring a client
#   certificate adds mutual TLS authentication, so only holders of a trusted
#   certificate can reach the functions.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth
# custom:
#   id: azure-function-app-client-certs
#   severity: low
#   kind: terraform
#   resources: [azurerm_function_app, azurerm_linux_function_app, azurerm_windows_function_app]
#   cwe: [CWE-295]
#   remediation: Set client_certificate_enabled = true and client_certificate_mode = "Required" (client_cert_mode = "Required" on azurerm_function_app).
#   related:
#     kics: [9bb3c639-5edf-458c-8ee5-30c17c7d671d]
package ward.checks.azure_function_app_client_certs

import rego.v1

import data.ward.lib

mode_attr := {
	"azurerm_function_app": "client_cert_mode",
	"azurerm_function_app_slot": "client_cert_mode",
	"azurerm_linux_function_app": "client_certificate_mode",
	"azurerm_windows_function_app": "client_certificate_mode",
	"azurerm_linux_function_app_slot": "client_certificate_mode",
	"azurerm_windows_function_app_slot": "client_certificate_mode",
}

deny contains res if {
	some r in lib.resources_of(object.keys(mode_attr))
	lib.is_false(r.config.client_certificate_enabled)
	res := lib.result(r, "/client_certificate_enabled", sprintf("%s does not ask for client certificates", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(object.keys(mode_attr))
	not lib.is_false(object.get(r.config, "client_certificate_enabled", null))
	attr := mode_attr[r.type]
	v := r.config[attr]
	is_string(v)
	v != "Required"
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s sets %s to %q: client certificates are not required", [r.name, attr, v]))
}

deny contains res if {
	some r in lib.resources_of(object.keys(mode_attr))
	not lib.is_false(object.get(r.config, "client_certificate_enabled", null))
	lib.missing(r.config, mode_attr[r.type])
	res := lib.result(r, "", sprintf("%s does not require client certificates", [r.name]))
}
