# METADATA
# title: Service does not set no-new-privileges
# description: |
#   security_opt does not include no-new-privileges:true, so processes in the
#   container can gain privileges through setuid or setgid binaries and file
#   capabilities. A compromised unprivileged process can then become root
#   inside the container through any such binary in the image.
# related_resources:
#   - https://docs.docker.com/reference/cli/docker/container/run/#security-opt
#   - https://docs.docker.com/reference/compose-file/services/#security_opt
# custom:
#   id: compose-no-new-privileges
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-250]
#   remediation: Add security_opt ["no-new-privileges:true"] to the service.
#   related:
#     kics: [27fcc7d6-c49b-46e0-98f1-6c082a6a2750]
package ward.checks.compose_no_new_privileges

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some o in compose.security_opts(r)
	regex.match(`(?i)^\s*no-new-privileges\s*[:=]\s*(false|0|no)\s*$`, o.opt)
	res := lib.result(r, o.ptr, sprintf("service %s sets %s", [r.name, o.opt]))
}

deny contains res if {
	some r in compose.services
	not compose.extended(r)
	not _set(r)
	not _disabled(r)
	ptr := _where(r)
	res := lib.result(r, ptr, sprintf("service %s does not set no-new-privileges:true", [r.name]))
}

_set(r) if {
	some o in compose.security_opts(r)
	regex.match(`(?i)^\s*no-new-privileges(\s*[:=]\s*(true|1|yes))?\s*$`, o.opt)
}

_disabled(r) if {
	some o in compose.security_opts(r)
	regex.match(`(?i)^\s*no-new-privileges\s*[:=]`, o.opt)
}

_where(r) := "/security_opt" if lib.has(r.config, "security_opt")

else := ""
