# METADATA
# title: yum install installs packages without a version
# description: |
#   yum install names packages without a version (httpd rather than
#   httpd-2.4.6-99.el7). Each build installs whatever the repositories serve
#   that day, so images built from one Dockerfile differ and an unreviewed
#   update slips in.
# related_resources:
#   - https://man7.org/linux/man-pages/man8/yum.8.html
# custom:
#   id: dockerfile-yum-unpinned
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Name each package with its version (yum install -y httpd-2.4.6-99.el7) and update the versions deliberately.
#   related:
#     kics: [6452c424-1d92-4deb-bb18-a03e95d579c4]
package ward.checks.dockerfile_yum_unpinned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	pkgs := {p |
		some a in df.rpm(x, {"yum"})
		a.sub in {"install", "groupinstall"}
		some p in a.pkgs
		not df.rpm_versioned(p)
	}
	count(pkgs) > 0
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN yum install installs unpinned %s", [df.label(x.r), concat(", ", sort(pkgs))]))
}
