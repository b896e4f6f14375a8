# METADATA
# title: Service shares the host's user namespace
# description: |
#   userns_mode host opts the container out of the daemon's user namespace
#   remapping, so root in the container is root on the host again. A
#   container escape then lands with full host privileges instead of an
#   unprivileged remapped user.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#userns_mode
#   - https://docs.docker.com/engine/security/userns-remap/
# custom:
#   id: compose-host-userns
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Remove userns_mode host so the service keeps the daemon's user namespace remapping.
#   related:
#     kics: [8af7162d-6c98-482f-868e-0d33fb675ca8]
package ward.checks.compose_host_userns

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	lower(object.get(r.config, "userns_mode", "")) == "host"
	res := lib.result(r, "/userns_mode", sprintf("service %s uses the host's user namespace", [r.name]))
}
