# METADATA
# title: Secret written in a service's environment
# description: |
#   An environment variable whose name says it holds a secret (a password,
#   token or API key) has a literal value in the compose file. The secret is
#   then stored in the repository, visible to everyone who can read it, and
#   exposed through docker inspect to anyone with access to the Docker API.
# related_resources:
#   - https://docs.docker.com/compose/how-tos/use-secrets/
#   - https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/
# custom:
#   id: compose-secret-in-environment
#   severity: medium
#   kind: compose
#   resources: [service]
#   cwe: [CWE-798]
#   remediation: Remove the value and rotate the secret; use compose secrets (mounted under /run/secrets) or interpolate it from an untracked .env file (${DB_PASSWORD}).
package ward.checks.compose_secret_in_environment

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some e in compose.environment(r)
	compose.secret_name(e.name)
	_literal(e.value)
	res := lib.result(r, e.ptr, sprintf("service %s sets %s to a literal value", [r.name, e.name]))
}

_literal(v) if is_number(v)

_literal(v) if {
	is_string(v)
	v != ""
	not contains(v, "$")
	not lower(v) in {"true", "false", "yes", "no", "on", "off", "0", "1", "none", "null"}
}
