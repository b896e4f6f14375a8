# METADATA
# title: Service shares the host's network namespace
# description: |
#   network_mode host puts the container on the host's network stack. It can
#   bind any host port, reach services listening only on the host's loopback
#   interface, and sniff or spoof host traffic if it has NET_RAW; port
#   mappings and network isolation no longer apply.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#network_mode
#   - https://docs.docker.com/engine/network/drivers/host/
# custom:
#   id: compose-host-network
#   severity: high
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Remove network_mode host; attach the service to a bridge network and publish only the ports it serves.
package ward.checks.compose_host_network

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	lower(object.get(r.config, "network_mode", "")) == "host"
	res := lib.result(r, "/network_mode", sprintf("service %s uses the host's network namespace", [r.name]))
}
