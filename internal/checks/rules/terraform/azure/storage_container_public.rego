# METADATA
# title: Storage container allows anonymous read access
# description: |
#   A container whose access type is "blob" or "container" serves its blobs to
#   anyone on the Internet without authentication, and "container" also lets
#   anyone list them. Data meant for a few clients is then public.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure
# custom:
#   id: azure-storage-container-public
#   severity: high
#   kind: terraform
#   resources: [azurerm_storage_container]
#   cwe: [CWE-284]
#   remediation: Set container_access_type to "private" (the default) and give clients SAS tokens or Entra ID roles instead.
#   related:
#     checkov: [CKV_AZURE_34]
package ward.checks.azure_storage_container_public

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_storage_container")
	v := r.config.container_access_type
	is_string(v)
	lower(v) in {"blob", "container"}
	res := lib.result(r, "/container_access_type", sprintf("%s has access type %q: anyone can read its blobs without authentication", [r.name, v]))
}
