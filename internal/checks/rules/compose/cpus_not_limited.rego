# METADATA
# title: Service CPU use is not limited
# description: |
#   The service sets no CPU limit (deploy.resources.limits.cpus or cpus). A
#   busy loop, a load spike or an attacker can make it take every CPU of the
#   host and starve the other containers and host services.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/deploy/#resources
#   - https://docs.docker.com/engine/containers/resource_constraints/#cpu
# custom:
#   id: compose-cpus-not-limited
#   severity: low
#   kind: compose
#   resources: [service]
#   cwe: [CWE-400]
#   remediation: Set deploy.resources.limits.cpus (or cpus) to the share the service needs, for example "0.5".
#   related:
#     kics: [6b610c50-99fb-4ef0-a5f3-e312fd945bc3]
package ward.checks.compose_cpus_not_limited

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	not compose.extended(r)
	not compose.limit(r, "cpus", {"cpus", "cpu_quota", "cpu_count", "cpu_percent"})
	res := lib.result(r, compose.limits_ptr(r), sprintf("service %s has no CPU limit", [r.name]))
}
