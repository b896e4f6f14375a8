# METADATA
# title: dnf install installs packages without a version
# description: |
#   dnf, microdnf or tdnf install names packages without a version (httpd
#   rather than httpd-2.4.57). Each build installs whatever the repositories
#   serve that day, so images built from one Dockerfile differ and an
#   unreviewed update slips in.
# related_resources:
#   - https://dnf.readthedocs.io/en/latest/command_ref.html#specifying-packages-label
# custom:
#   id: dockerfile-dnf-unpinned
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Name each package with its version (dnf install -y httpd-2.4.57) and update the versions deliberately.
#   related:
#     kics: [93d88cf7-f078-46a8-8ddc-178e03aeacf1]
package ward.checks.dockerfile_dnf_unpinned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	pkgs := {p |
		some a in df.rpm(x, df.dnf_family)
		a.sub in {"install", "in"}
		some p in a.pkgs
		not df.rpm_versioned(p)
	}
	count(pkgs) > 0
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN dnf install installs unpinned %s", [df.label(x.r), concat(", ", sort(pkgs))]))
}
