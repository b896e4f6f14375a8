# METADATA
# title: Secret written in ENV or ARG
# description: |
#   An ENV or ARG whose name says it holds a secret (a password, token, API key
#   or private key) is given a literal value in the Dockerfile. ENV values are
#   stored in the image configuration and ARG values in the build history, so
#   anyone who can pull the image (or read the repository) can read the secret.
# related_resources:
#   - https://docs.docker.com/build/building/secrets/
#   - https://docs.docker.com/reference/dockerfile/#env
# custom:
#   id: dockerfile-secret-in-env-arg
#   severity: high
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-798]
#   remediation: Remove the value and rotate the secret; pass build-time secrets with RUN --mount=type=secret and runtime secrets through the orchestrator's secret store or environment.
#   related:
#     trivy: [AVD-DS-0031]
package ward.checks.dockerfile_secret_in_env_arg

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd in {"env", "arg"}
	some kv in ins.value
	contains(kv, "=")
	name := split(kv, "=")[0]
	value := substring(kv, count(name) + 1, -1)
	df.secret_name(name)
	df.literal_secret(value)
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s sets %s to a literal value", [df.label(r), upper(ins.cmd), name]))
}

# Global ARGs (before the first FROM) are copied into every stage: report
# them once, on the first stage.
deny contains res if {
	some r in df.stages
	df.index(r) == 0
	some name, value in r.config.global_args
	df.secret_name(name)
	df.literal_secret(value)
	res := lib.result(r, sprintf("/global_args/%s", [name]), sprintf("global ARG sets %s to a literal value", [name]))
}
