# METADATA
# title: Service shares the host's process namespace
# description: |
#   pid host lets the container see every process on the host. With enough
#   privileges it can signal or trace them and read their environment and
#   memory through /proc, which exposes secrets of other workloads and opens
#   a path to the host.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#pid
# custom:
#   id: compose-host-pid
#   severity: high
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Remove pid host; share a process namespace only between cooperating containers (pid "service:<name>") when really needed.
package ward.checks.compose_host_pid

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	lower(object.get(r.config, "pid", "")) == "host"
	res := lib.result(r, "/pid", sprintf("service %s uses the host's process namespace", [r.name]))
}
