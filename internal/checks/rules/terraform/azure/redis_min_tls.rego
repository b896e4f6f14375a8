# METADATA
# title: Redis cache accepts TLS versions older than 1.2
# description: |
#   A Redis cache whose minimum TLS version is 1.0 or 1.1 lets clients
#   negotiate deprecated protocol versions with known weaknesses. The azurerm
#   provider documents a default of 1.0 for the setting, so it must be set
#   explicitly.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-remove-tls-10-11
# custom:
#   id: azure-redis-min-tls
#   severity: medium
#   kind: terraform
#   resources: [azurerm_redis_cache]
#   cwe: [CWE-326]
#   remediation: Set minimum_tls_version = "1.2".
#   related:
#     kics: [e22e5620-3679-418e-bb74-c9f71731ab0f]
#     checkov: [CKV_AZURE_148]
package ward.checks.azure_redis_min_tls

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_redis_cache")
	v := r.config.minimum_tls_version
	v in {"1.0", "1.1", 1, 1.1}
	res := lib.result(r, "/minimum_tls_version", sprintf("%s accepts TLS %v", [r.name, v]))
}

deny contains res if {
	some r in lib.resources("azurerm_redis_cache")
	lib.missing(r.config, "minimum_tls_version")
	res := lib.result(r, "", sprintf("%s does not set minimum_tls_version (the provider documents a default of 1.0)", [r.name]))
}
