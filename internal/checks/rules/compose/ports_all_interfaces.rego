# METADATA
# title: Published port listens on all host interfaces
# description: |
#   A port is published without a host address ("8080:80"), so Docker binds it
#   on every interface of the host (0.0.0.0 and ::). Docker also inserts its
#   own firewall rules, so the service is reachable from any network the host
#   is on even when the host firewall (ufw, firewalld) would block it.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#ports
#   - https://docs.docker.com/engine/network/packet-filtering-firewalls/
# custom:
#   id: compose-ports-all-interfaces
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Prefix the mapping with the address to listen on ("127.0.0.1:8080:80", or host_ip in the long syntax), and expose public services through a reverse proxy.
#   related:
#     kics: [451d79dc-0588-476a-ad03-3c7f0320abb3]
package ward.checks.compose_ports_all_interfaces

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	lower(object.get(r.config, "network_mode", "")) != "host"
	some p in compose.ports(r)
	compose.all_interfaces(p.ip)
	res := lib.result(r, p.ptr, sprintf("service %s publishes port %s on all host interfaces", [r.name, _describe(p)]))
}

_describe(p) := sprintf("%s:%s", [p.published, p.target]) if p.published != ""

else := p.target
