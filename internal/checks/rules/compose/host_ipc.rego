# METADATA
# title: Service shares the host's IPC namespace
# description: |
#   ipc host gives the container the host's System V IPC objects and POSIX
#   shared memory. It can read or tamper with shared memory segments of host
#   processes and other containers that use the host namespace.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#ipc
# custom:
#   id: compose-host-ipc
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Remove ipc host; use ipc shareable and ipc "service:<name>" to share memory only between the containers that need it.
package ward.checks.compose_host_ipc

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	lower(object.get(r.config, "ipc", "")) == "host"
	res := lib.result(r, "/ipc", sprintf("service %s uses the host's IPC namespace", [r.name]))
}
