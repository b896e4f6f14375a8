# METADATA
# title: Package signature verification disabled
# description: |
#   A RUN installs packages with signature checks turned off: apt-get
#   --allow-unauthenticated or --force-yes, a [trusted=yes] apt source, apk
#   --allow-untrusted, yum/dnf --nogpgcheck or gpgcheck=0, or rpm
#   --nosignature/--nodigest. The package manager then accepts packages that
#   the distribution did not sign, so a compromised mirror or a network
#   attacker can install arbitrary code in the image.
# related_resources:
#   - https://wiki.debian.org/SecureApt
#   - https://man7.org/linux/man-pages/man8/rpm.8.html
# custom:
#   id: dockerfile-package-signature-check-disabled
#   severity: high
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-347]
#   remediation: Remove the option and import the repository's signing key (apt keyrings with signed-by=, rpm --import, apk keys) so packages are verified.
#   related:
#     checkov: [CKV2_DOCKER_7, CKV2_DOCKER_8, CKV2_DOCKER_9, CKV2_DOCKER_10, CKV2_DOCKER_11]
package ward.checks.dockerfile_package_signature_check_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	some c in x.cmds
	some what in _unsigned(c)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN installs packages without signature verification (%s)", [df.label(x.r), what]))
}

deny contains res if {
	some x in df.runs
	regex.match(`\[[^\]]*trusted=yes[^\]]*\]`, x.script)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN adds an apt source marked [trusted=yes]", [df.label(x.r)]))
}

deny contains res if {
	some x in df.runs
	regex.match(`(?i)gpgcheck\s*=\s*(0|false|no)\b`, x.script)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN writes gpgcheck=0 into a repository configuration", [df.label(x.r)]))
}

_unsigned(c) := {sprintf("%s %s", [c.prog, o]) |
	some p, opts in _options
	c.prog in p
	some o in opts
	o in c.args
}

_options := {
	{"apt-get", "apt"}: {"--allow-unauthenticated", "--force-yes", "--allow-insecure-repositories"},
	{"apk"}: {"--allow-untrusted"},
	{"yum", "dnf", "dnf5", "microdnf", "tdnf", "zypper"}: {"--nogpgcheck", "--no-gpgcheck", "--no-gpg-checks"},
	{"rpm"}: {"--nosignature", "--nodigest", "--noverify", "--nofiledigest"},
}
