# METADATA
# title: Files made world-writable
# description: |
#   A RUN (chmod 777, 666, o+w, a+rwx) or COPY/ADD --chmod gives write
#   permission to every user, without the sticky bit. Any process in the container, whatever its user,
#   can then replace those files: a compromised low-privilege service can
#   modify binaries, scripts or configuration that more privileged code runs.
# related_resources:
#   - https://man7.org/linux/man-pages/man1/chmod.1.html
# custom:
#   id: dockerfile-chmod-world-writable
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-732]
#   remediation: Give the files to the user that needs them (COPY --chown=app:app, chown) and grant the narrowest mode (755 for directories, 644 or 640 for files).
package ward.checks.dockerfile_chmod_world_writable

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "chmod"
	mode := df.positional(c.args, {"--reference"})[0]
	world_writable(mode)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs chmod %s, making files writable by every user", [df.label(x.r), mode]))
}

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd in {"copy", "add"}
	mode := ins.flags.chmod
	is_string(mode)
	world_writable(mode)
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s --chmod=%s makes files writable by every user", [df.label(r), upper(ins.cmd), mode]))
}

# Octal modes: the last digit grants "others" write (2, 3, 6, 7); a
# 4-digit mode with the sticky bit (1777 for /tmp) is accepted.
world_writable(m) if {
	regex.match(`^[0-7]{3}$`, m)
	substring(m, 2, 1) in {"2", "3", "6", "7"}
}

world_writable(m) if {
	regex.match(`^[0-7]{4}$`, m)
	substring(m, 3, 1) in {"2", "3", "6", "7"}
	not substring(m, 0, 1) in {"1", "3", "5", "7"}
}

# Symbolic modes: o or a gains w (o+w, a+rwx, ugo=rwx).
world_writable(m) if regex.match(`(^|,)[ugo]*[ao][ugo]*[+=][rwxXst]*w`, m)
