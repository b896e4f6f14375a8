# METADATA
# title: Key vault secret has no content type
# description: |
#   The content type tells the people and tools that read a secret what it
#   holds (a password, a connection string, a PEM key) and so how to handle and
#   rotate it. Secrets without one are harder to inventory and are more easily
#   mishandled.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets
# custom:
#   id: azure-key-vault-secret-content-type
#   severity: low
#   kind: terraform
#   resources: [azurerm_key_vault_secret]
#   cwe: [CWE-1053]
#   remediation: Set content_type to a short description of the secret's format, such as "password" or "application/x-pem-file".
#   related:
#     kics: [f8e08a38-fc6e-4915-abbe-a7aadf1d59ef]
#     checkov: [CKV_AZURE_114]
package ward.checks.azure_key_vault_secret_content_type

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_key_vault_secret")
	lib.missing(r.config, "content_type")
	res := lib.result(r, "", sprintf("%s has no content_type", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_key_vault_secret")
	v := r.config.content_type
	is_string(v)
	trim_space(v) == ""
	res := lib.result(r, "/content_type", sprintf("%s has an empty content_type", [r.name]))
}
