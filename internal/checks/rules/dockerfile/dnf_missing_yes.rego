# METADATA
# title: dnf runs without -y
# description: |
#   dnf, microdnf or tdnf installs, updates or removes packages without -y
#   (--assumeyes). Builds have no terminal to answer the confirmation prompt,
#   so the step aborts, or waits for input until the build times out.
# related_resources:
#   - https://dnf.readthedocs.io/en/latest/command_ref.html
# custom:
#   id: dockerfile-dnf-missing-yes
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Add -y to every dnf, microdnf and tdnf install, update and remove (dnf install -y httpd).
#   related:
#     kics: [7ebd323c-31b7-4e5b-b26f-de5e9e477af8]
package ward.checks.dockerfile_dnf_missing_yes

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_prompting := {
	"install", "in", "groupinstall", "localinstall", "reinstall", "update", "upgrade", "up",
	"remove", "rm", "erase", "downgrade", "distro-sync", "autoremove", "group", "module", "swap",
}

deny contains res if {
	some x in df.runs
	some a in df.rpm(x, df.dnf_family)
	a.sub in _prompting
	not df.yes_flag(a.c.args, {"--assumeyes"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs %s %s without -y", [df.label(x.r), a.c.prog, a.sub]))
}
