# METADATA
# title: RUN uses sudo
# description: |
#   A RUN calls sudo. Build steps already run as the current USER, and sudo
#   in an image means sudo is installed and configured, so any process that
#   runs as that user at runtime can also become root. It also has
#   unpredictable TTY and signal behaviour in builds.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#user
# custom:
#   id: dockerfile-run-sudo
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-250]
#   remediation: Switch with USER root for the steps that need root and back to the unprivileged user afterwards; do not install sudo in the image (use gosu or su-exec in an entrypoint if needed).
#   related:
#     checkov: [CKV2_DOCKER_1]
#     trivy: [AVD-DS-0010]
package ward.checks.dockerfile_run_sudo

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	some p in c.pre
	df.base(p) == "sudo"
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN uses sudo (sudo %s)", [df.label(x.r), c.prog]))
}
