# METADATA
# title: Service root file system is writable
# description: |
#   The service does not set read_only: true, so processes can write anywhere
#   in the container's file system. An attacker who gets code execution can
#   then replace binaries and scripts or drop tools that persist as long as the
#   container lives.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#read_only
# custom:
#   id: compose-read-only-root-fs
#   severity: low
#   kind: compose
#   resources: [service]
#   cwe: [CWE-732]
#   remediation: Set read_only true and give the paths the service writes to a tmpfs (tmpfs ["/tmp"]) or a volume.
package ward.checks.compose_read_only_root_fs

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	not compose.extended(r)
	not lib.has(r.config, "read_only")
	res := lib.result(r, "", sprintf("service %s does not set read_only: true", [r.name]))
}

deny contains res if {
	some r in compose.services
	lib.is_false(r.config.read_only)
	res := lib.result(r, "/read_only", sprintf("service %s sets read_only to false", [r.name]))
}
