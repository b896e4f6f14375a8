# METADATA
# title: Redis firewall rule admits a wide public address range
# description: |
#   A Redis cache firewall rule whose range covers many public addresses makes
#   the cache reachable from a large part of the Internet. Redis holds
#   sessions and cached application data and is a common target of automated
#   scans; access should be limited to the application's own addresses or to
#   a private endpoint.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#firewall
# custom:
#   id: azure-redis-firewall-public
#   severity: high
#   kind: terraform
#   resources: [azurerm_redis_firewall_rule]
#   cwe: [CWE-284]
#   remediation: Narrow start_ip and end_ip to the addresses of the clients, or disable public network access and use a private endpoint.
#   related:
#     kics: [5089d055-53ff-421b-9482-a5267bdce629]
package ward.checks.azure_redis_firewall_public

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

deny contains res if {
	some r in lib.resources("azurerm_redis_firewall_rule")
	start := r.config.start_ip
	end := r.config.end_ip
	tf_azure.wide_public_range(start, end)
	res := lib.result(r, "/start_ip", sprintf("%s admits the public range %s - %s", [r.name, start, end]))
}
