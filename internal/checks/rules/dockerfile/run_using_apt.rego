# METADATA
# title: RUN uses apt instead of apt-get
# description: |
#   A RUN calls apt, the interactive front end. Its command-line interface is
#   not stable (it warns so when not run in a terminal), its output and
#   defaults can change between releases, and scripts can break on upgrades.
#   apt-get and apt-cache are the interfaces meant for scripts.
# related_resources:
#   - https://manpages.debian.org/stable/apt/apt.8.en.html
# custom:
#   id: dockerfile-run-using-apt
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-758]
#   remediation: Replace apt with apt-get (install, update, remove) or apt-cache (search, show).
#   related:
#     kics: [b84a0b47-2e99-4c9f-8933-98bcabe2b94d]
#     checkov: [CKV_DOCKER_9]
package ward.checks.dockerfile_run_using_apt

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	c.prog == "apt"
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN calls apt; use apt-get in scripts", [df.label(x.r)]))
}
