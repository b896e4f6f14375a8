# METADATA
# title: Service disables AppArmor or SELinux confinement
# description: |
#   security_opt apparmor:unconfined or label:disable removes the mandatory
#   access control profile Docker applies to containers. Those profiles stop a
#   compromised process from writing to sensitive /proc and /sys files and
#   from mounting file systems; without them a container escape is easier.
# related_resources:
#   - https://docs.docker.com/engine/security/apparmor/
#   - https://docs.docker.com/reference/compose-file/services/#security_opt
# custom:
#   id: compose-mac-profile-disabled
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-269]
#   remediation: Remove apparmor:unconfined and label:disable; if the default profile blocks something needed, load a custom profile that allows only that.
package ward.checks.compose_mac_profile_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some o in compose.security_opts(r)
	regex.match(`(?i)^\s*(apparmor\s*[:=]\s*unconfined|label\s*[:=]\s*disable)\s*$`, o.opt)
	res := lib.result(r, o.ptr, sprintf("service %s disables mandatory access control (%s)", [r.name, o.opt]))
}
