# METADATA
# title: Service capabilities are not restricted
# description: |
#   The service adds powerful Linux capabilities (ALL, SYS_ADMIN, SYS_MODULE,
#   SYS_PTRACE, NET_ADMIN, ...) or never drops the default set with cap_drop.
#   Each capability widens what a compromised process can do to the kernel,
#   the network and other processes; SYS_ADMIN or ALL is close to privileged.
# related_resources:
#   - https://docs.docker.com/reference/compose-file/services/#cap_add
#   - https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities
# custom:
#   id: compose-capabilities-unrestricted
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-250]
#   remediation: Start from cap_drop [ALL] and add back only the capabilities the service needs (for example NET_BIND_SERVICE); never add ALL or SYS_ADMIN.
#   related:
#     kics: [ce76b7d0-9e77-464d-b86f-c5c48e03e22d]
package ward.checks.compose_capabilities_unrestricted

import rego.v1

import data.ward.lib
import data.ward.lib.compose

_dangerous := {
	"ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "SYS_TIME",
	"NET_ADMIN", "NET_RAW", "DAC_READ_SEARCH", "DAC_OVERRIDE", "BPF", "PERFMON", "MAC_ADMIN", "MAC_OVERRIDE",
}

deny contains res if {
	some r in compose.services
	some i, c in lib.as_list(object.get(r.config, "cap_add", []))
	is_string(c)
	cap := trim_prefix(upper(c), "CAP_")
	cap in _dangerous
	res := lib.result(r, sprintf("/cap_add/%d", [i]), sprintf("service %s adds capability %s", [r.name, c]))
}

deny contains res if {
	some r in compose.services
	not compose.extended(r)
	not lib.has(r.config, "cap_drop")
	res := lib.result(r, "", sprintf("service %s keeps all default capabilities (no cap_drop)", [r.name]))
}

deny contains res if {
	some r in compose.services
	lib.has(r.config, "cap_drop")
	lib.as_list(r.config.cap_drop) == []
	res := lib.result(r, "/cap_drop", sprintf("service %s drops no capabilities (cap_drop is empty)", [r.name]))
}
