# METADATA
# title: RUN calls interactive or system utilities
# description: |
#   A RUN calls a utility that only makes sense on a running system or at a
#   terminal (ps, top, kill, mount, shutdown, service, ssh, vi). In a build
#   these commands do nothing useful, hang waiting for input, or need
#   privileges the build should not have; their presence usually means the
#   Dockerfile treats the image like a virtual machine.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#run
# custom:
#   id: dockerfile-run-system-utilities
#   severity: info
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Remove the command from the RUN; configure services through the image's ENTRYPOINT/CMD and debug running containers with docker exec.
#   related:
#     kics: [9b6b0f38-92a2-41f9-b881-3a1083d99f1b]
package ward.checks.dockerfile_run_system_utilities

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_utilities := {
	"ps", "top", "htop", "free", "kill", "killall", "pkill", "shutdown", "reboot", "halt",
	"poweroff", "mount", "umount", "service", "ssh", "telnet", "vi", "vim", "nano", "ifconfig",
}

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog in _utilities
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN calls %s", [df.label(x.r), c.prog]))
}
