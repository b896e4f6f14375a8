# METADATA
# title: zypper runs without --non-interactive
# description: |
#   zypper installs, updates or removes packages without -n
#   (--non-interactive) or -y (--no-confirm). Builds have no terminal, so the
#   step depends on how zypper treats an unanswerable prompt and can hang or
#   abort the build.
# related_resources:
#   - https://en.opensuse.org/SDB:Zypper_manual
# custom:
#   id: dockerfile-zypper-missing-non-interactive
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Call zypper --non-interactive install (or zypper install -y).
#   related:
#     kics: [45e1fca5-f90e-465d-825f-c2cb63fa3944]
package ward.checks.dockerfile_zypper_missing_non_interactive

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_valued := {"--root", "-R", "--config", "-c", "--reposd-dir", "-D", "--cache-dir", "-C", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-r", "--repo", "--from", "-t", "--type"}

_prompting := {
	"install", "in", "remove", "rm", "update", "up", "dist-upgrade", "dup", "patch",
	"source-install", "si", "install-new-recommends", "inr",
}

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "zypper"
	pos := df.positional(c.args, _valued)
	count(pos) > 0
	pos[0] in _prompting
	not df.has_short(c.args, "n")
	not df.has_short(c.args, "y")
	not "--non-interactive" in c.args
	not "--no-confirm" in c.args
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs zypper %s without --non-interactive", [df.label(x.r), pos[0]]))
}
