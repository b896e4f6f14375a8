# METADATA
# title: WORKDIR is a relative path
# description: |
#   WORKDIR names a relative path, which is resolved against the previous
#   WORKDIR, possibly inherited from the base image. Where files land and
#   where commands run then depends on the base image, and changes when it
#   does.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#workdir
# custom:
#   id: dockerfile-workdir-relative
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Use an absolute path (WORKDIR /app).
#   related:
#     checkov: [CKV_DOCKER_10]
#     trivy: [AVD-DS-0009]
package ward.checks.dockerfile_workdir_relative

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd == "workdir"
	dir := ins.value[0]
	not regex.match(`^([/$\\]|[A-Za-z]:[\\/])`, dir)
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: WORKDIR %s is relative", [df.label(r), dir]))
}
