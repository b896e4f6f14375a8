# METADATA
# title: Image exposes the SSH port
# description: |
#   The Dockerfile exposes port 22, which suggests an SSH server runs in the
#   container. An SSH daemon adds a network-facing service with credentials or
#   keys to manage and patch; docker exec and kubectl exec give shell access
#   without it (CIS Docker Benchmark 5.6).
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#expose
# custom:
#   id: dockerfile-expose-ssh
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-668]
#   remediation: Remove EXPOSE 22 and the SSH server; use docker exec or kubectl exec for troubleshooting.
#   related:
#     checkov: [CKV_DOCKER_1]
#     trivy: [AVD-DS-0004]
package ward.checks.dockerfile_expose_ssh

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, p in object.get(r.config, "expose", [])
	is_string(p)
	regex.match(`^22(/tcp)?$`, lower(p))
	res := lib.result(r, sprintf("/expose/%d", [i]), sprintf("%s exposes SSH port %s", [df.label(r), p]))
}

deny contains res if {
	some r in df.stages
	some i, p in object.get(r.config, "expose", [])
	is_string(p)
	parts := regex.find_all_string_submatch_n(`^(\d+)-(\d+)(/tcp)?$`, lower(p), 1)
	count(parts) == 1
	to_number(parts[0][1]) <= 22
	to_number(parts[0][2]) >= 22
	res := lib.result(r, sprintf("/expose/%d", [i]), sprintf("%s exposes port range %s, which includes SSH port 22", [df.label(r), p]))
}
