# METADATA
# title: RUN changes the default shell
# description: |
#   A RUN replaces /bin/sh (ln -s /bin/bash /bin/sh, reconfiguring dash) or
#   wraps its commands in another shell such as PowerShell. Replacing /bin/sh
#   changes the shell of every later RUN and of scripts at runtime in ways
#   readers do not see; the SHELL instruction changes the build shell
#   explicitly and leaves the system shell alone.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#shell
# custom:
#   id: dockerfile-run-changes-default-shell
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Use the SHELL instruction (SHELL ["/bin/bash", "-o", "pipefail", "-c"]) instead of relinking /bin/sh or wrapping commands in another shell.
#   related:
#     kics: [8a301064-c291-4b20-adcb-403fe7fd95fd]
package ward.checks.dockerfile_run_changes_default_shell

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "ln"
	pos := df.positional(c.args, {"-t", "--target-directory", "-S", "--suffix"})
	count(pos) > 1
	pos[count(pos) - 1] == "/bin/sh"
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN relinks /bin/sh to %s", [df.label(x.r), pos[0]]))
}

deny contains res if {
	some x in df.runs
	regex.match(`dash/sh\s+boolean\s+false`, x.script)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN reconfigures dash so that /bin/sh is bash", [df.label(x.r)]))
}

deny contains res if {
	some x in df.runs
	count(x.cmds) > 0
	p := lower(x.cmds[0].prog)
	p in {"powershell", "powershell.exe", "pwsh", "pwsh.exe"}
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN wraps its commands in %s; set SHELL instead", [df.label(x.r), x.cmds[0].prog]))
}
