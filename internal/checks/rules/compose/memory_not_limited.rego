# METADATA
# title: Service memory is not limited
# description: |
#   The service sets no memory limit (deploy.resources.limits.memory or
#   mem_limit). A leak, a load spike or an attacker can make it use all the
#   host's memory: the kernel's OOM killer then kills other containers or host
#   processes, turning one faulty service into an outage of the host.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/deploy/#resources
#   - https://docs.docker.com/engine/containers/resource_constraints/#memory
# custom:
#   id: compose-memory-not-limited
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-770]
#   remediation: Set deploy.resources.limits.memory (or mem_limit) to what the service needs, for example 512M.
#   related:
#     kics: [bb9ac4f7-e13b-423d-a010-c74a1bfbe492]
package ward.checks.compose_memory_not_limited

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	not compose.extended(r)
	not compose.limit(r, "memory", {"mem_limit"})
	res := lib.result(r, compose.limits_ptr(r), sprintf("service %s has no memory limit", [r.name]))
}
