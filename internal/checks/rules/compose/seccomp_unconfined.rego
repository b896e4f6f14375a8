# METADATA
# title: Service disables the seccomp profile
# description: |
#   security_opt seccomp:unconfined turns off Docker's default seccomp
#   profile, which blocks about forty rarely needed and dangerous system calls
#   (kernel module loading, keyring, namespace and mount calls). Without it, a
#   compromised process can reach far more kernel attack surface, the usual
#   path of container escapes.
# related_resources:
#   - https://docs.docker.com/engine/security/seccomp/
#   - https://docs.docker.com/reference/compose-file/services/#security_opt
# custom:
#   id: compose-seccomp-unconfined
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-269]
#   remediation: Remove seccomp:unconfined; if a call is really needed, use a custom profile (seccomp=./profile.json) derived from Docker's default that allows only that call.
#   related:
#     kics: [404fde2c-bc4b-4371-9747-7054132ac953]
package ward.checks.compose_seccomp_unconfined

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some o in compose.security_opts(r)
	regex.match(`(?i)seccomp\s*[:=]\s*unconfined`, o.opt)
	res := lib.result(r, o.ptr, sprintf("service %s runs without a seccomp profile (%s)", [r.name, o.opt]))
}
