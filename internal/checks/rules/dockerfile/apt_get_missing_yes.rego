# METADATA
# title: apt-get install runs without -y
# description: |
#   apt-get install, upgrade or remove runs without -y. Builds have no
#   terminal, so apt-get cannot ask for confirmation and aborts the step; when
#   it works by accident (nothing to confirm), the build breaks the day a
#   dependency changes.
# related_resources:
#   - https://manpages.debian.org/stable/apt/apt-get.8.en.html
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: dockerfile-apt-get-missing-yes
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Add -y (or --yes) to every apt-get install, upgrade and remove.
#   related:
#     trivy: [AVD-DS-0021]
package ward.checks.dockerfile_apt_get_missing_yes

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_prompting := {"install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "build-dep", "reinstall"}

deny contains res if {
	some x in df.runs
	some a in df.apt_get(x)
	a.sub in _prompting
	not df.yes_flag(a.c.args, {"--yes", "--assume-yes", "--force-yes"})
	not regex.match(`(?i)assume-yes\s*=?\s*"?(true|1|yes)`, x.script)
	not _assume_yes_configured(x.r)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs apt-get %s without -y", [df.label(x.r), a.sub]))
}

# A RUN of the stage or of its bases sets APT::Get::Assume-Yes in apt.conf.d.
_assume_yes_configured(r) if {
	some id in df.lineage_ids[r.id]
	id in _configuring
}

_configuring contains y.r.id if {
	some y in df.runs
	regex.match(`(?i)APT::Get::Assume-Yes\s+"?(true|1|yes)`, y.script)
}
