# METADATA
# title: apk add installs packages without a version
# description: |
#   apk add names packages without a version (curl rather than curl=8.5.0-r0).
#   Each build installs whatever the repository serves that day, so images
#   built from the same Dockerfile differ, and a broken or malicious update is
#   picked up without review.
# related_resources:
#   - https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Holding_a_specific_package_back
#   - https://docs.docker.com/build/building/best-practices/#run
# custom:
#   id: dockerfile-apk-unpinned
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1357]
#   remediation: Pin each package (apk add curl=8.5.0-r0) or a compatible range (curl~8.5), and update the pins deliberately.
#   related:
#     kics: [d3499f6d-1651-41bb-a9a7-de925fea487b]
package ward.checks.dockerfile_apk_unpinned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	pkgs := {p |
		some a in df.apk_add(x)
		some p in a.pkgs
		not regex.match(`[=<>~$/]|\.apk$`, p)
	}
	count(pkgs) > 0
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN apk add installs unpinned %s", [df.label(x.r), concat(", ", sort(pkgs))]))
}
