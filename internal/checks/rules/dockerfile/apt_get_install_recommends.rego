# METADATA
# title: apt-get install pulls in recommended packages
# description: |
#   apt-get install runs without --no-install-recommends, so apt also
#   installs every package the requested ones merely recommend. The image
#   grows, and each unneeded package adds attack surface and vulnerabilities to
#   patch.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
#   - https://manpages.debian.org/stable/apt/apt.conf.5.en.html
# custom:
#   id: dockerfile-apt-get-install-recommends
#   severity: info
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Add --no-install-recommends to apt-get install and list the packages the image actually needs.
#   related:
#     kics: [7384dfb2-fcd1-4fbf-91cd-6c44c318c33c]
#     trivy: [AVD-DS-0029]
package ward.checks.dockerfile_apt_get_install_recommends

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some a in df.apt_get(x)
	a.sub == "install"
	not "--no-install-recommends" in a.c.args
	not regex.match(`(?i)install-recommends\s*=\s*"?(false|0|no)`, a.c.text)
	not _recommends_configured(x.r)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs apt-get install without --no-install-recommends", [df.label(x.r)]))
}

# A RUN of the stage or of its bases turns recommends off in apt.conf.d.
_recommends_configured(r) if {
	some id in df.lineage_ids[r.id]
	id in _configuring
}

_configuring contains y.r.id if {
	some y in df.runs
	regex.match(`(?i)APT::Install-Recommends\s+"?(false|0|no)`, y.script)
}
