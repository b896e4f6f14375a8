# METADATA
# title: yum runs without -y
# description: |
#   yum install, update or remove runs without -y (--assumeyes). Builds have
#   no terminal to answer yum's confirmation prompt, so the step aborts, or
#   waits for input until the build times out.
# related_resources:
#   - https://man7.org/linux/man-pages/man8/yum.8.html
# custom:
#   id: dockerfile-yum-missing-yes
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Add -y to every yum install, update and remove (yum install -y httpd).
#   related:
#     kics: [6e19193a-8753-436d-8a09-76dcff91bb03]
package ward.checks.dockerfile_yum_missing_yes

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_prompting := {
	"install", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "groupupdate",
	"remove", "erase", "groupremove", "downgrade", "distro-sync", "autoremove",
}

deny contains res if {
	some x in df.runs
	some a in df.rpm(x, {"yum"})
	a.sub in _prompting
	not df.yes_flag(a.c.args, {"--assumeyes"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs yum %s without -y", [df.label(x.r), a.sub]))
}
