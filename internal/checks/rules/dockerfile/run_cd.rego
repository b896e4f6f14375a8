# METADATA
# title: RUN changes directory with cd
# description: |
#   A RUN uses cd to work in another directory. The change lasts for that RUN
#   only, so later instructions silently run elsewhere, and the Dockerfile is
#   harder to read and maintain. WORKDIR sets the directory for every later
#   instruction and for the container.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#workdir
# custom:
#   id: dockerfile-run-cd
#   severity: info
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Set the directory with WORKDIR /path before the RUN instead of cd.
#   related:
#     trivy: [AVD-DS-0013]
package ward.checks.dockerfile_run_cd

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "cd"
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs cd %s; use WORKDIR", [df.label(x.r), concat(" ", c.args)]))
}
