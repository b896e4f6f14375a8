# METADATA
# title: Redis cache enables the non-TLS port
# description: |
#   The non-SSL port (6379) accepts unencrypted connections, so the access key
#   and cached data cross the network in clear text. Clients should connect
#   on the TLS port (6380) only.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-ports
# custom:
#   id: azure-redis-non-ssl-port
#   severity: high
#   kind: terraform
#   resources: [azurerm_redis_cache]
#   cwe: [CWE-319]
#   remediation: Set non_ssl_port_enabled (enable_non_ssl_port before azurerm 4.0) to false, its default.
#   related:
#     checkov: [CKV_AZURE_91]
package ward.checks.azure_redis_non_ssl_port

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_redis_cache")
	some attr in ["enable_non_ssl_port", "non_ssl_port_enabled"]
	lib.is_true(r.config[attr])
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s enables the unencrypted port 6379", [r.name]))
}
