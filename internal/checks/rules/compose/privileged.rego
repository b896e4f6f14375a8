# METADATA
# title: Service runs a privileged container
# description: |
#   privileged: true gives the container every capability, access to all host
#   devices and no seccomp or AppArmor confinement. A process that compromises
#   it is root on the host: it can mount the host's disks, load kernel modules
#   or control other containers.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#privileged
# custom:
#   id: compose-privileged
#   severity: high
#   kind: compose
#   resources: [service]
#   cwe: [CWE-250]
#   remediation: Remove privileged, and grant only the capabilities (cap_add) and devices (devices) the service needs.
#   related:
#     kics: [ae5b6871-7f45-42e0-bb4c-ab300c4d2026]
package ward.checks.compose_privileged

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	lib.is_true(object.get(r.config, "privileged", false))
	res := lib.result(r, "/privileged", sprintf("service %s runs privileged", [r.name]))
}
