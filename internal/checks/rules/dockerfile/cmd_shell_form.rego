# METADATA
# title: CMD or ENTRYPOINT uses the shell form
# description: |
#   CMD or ENTRYPOINT is written in shell form (CMD node app.js), so the
#   container runs /bin/sh -c and the application is not PID 1. docker stop
#   sends SIGTERM to the shell, which does not forward it: the application gets
#   no chance to shut down cleanly and is killed after the timeout.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#shell-and-exec-form
# custom:
#   id: dockerfile-cmd-shell-form
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Use the exec form, CMD ["node", "app.js"]; when a shell is needed, start the command with exec.
package ward.checks.dockerfile_cmd_shell_form

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	df.image_stage(r)
	some i, ins in r.config.instructions
	ins.cmd in {"cmd", "entrypoint"}
	ins.json == false
	count(ins.value) > 0
	not regex.match(`^\s*exec\s`, ins.value[0])
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s %s uses the shell form", [df.label(r), upper(ins.cmd), ins.value[0]]))
}
