# METADATA
# title: Service maps a privileged port
# description: |
#   A port mapping uses a port below 1024 on the host or in the container. A
#   service that listens on a privileged port inside the container usually
#   runs as root or keeps NET_BIND_SERVICE, and publishing privileged host
#   ports makes the container take over well-known system service ports.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#ports
# custom:
#   id: compose-privileged-ports
#   severity: low
#   kind: compose
#   resources: [service]
#   cwe: [CWE-269]
#   remediation: Let the application listen on a port of 1024 or more as a non-root user and map it ("8080:8080"); publish 80/443 through a reverse proxy or load balancer.
#   related:
#     kics: [bc2908f3-f73c-40a9-8793-c1b7d5544f79]
package ward.checks.compose_privileged_ports

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some p in compose.ports(r)
	some side, v in {"host": p.published, "container": p.target}
	compose.range_start(v) < 1024
	res := lib.result(r, p.ptr, sprintf("service %s maps %s port %s, below 1024", [r.name, side, v]))
}
