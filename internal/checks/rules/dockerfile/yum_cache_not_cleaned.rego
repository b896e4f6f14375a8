# METADATA
# title: yum or dnf cache is left in the image
# description: |
#   A RUN installs packages with yum, dnf, microdnf or tdnf and does not run
#   "clean all" (or remove /var/cache/yum or /var/cache/dnf) after the last
#   install in the same RUN. The downloaded metadata and packages stay in the
#   layer: the image grows by tens or hundreds of megabytes for nothing.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#run
#   - https://man7.org/linux/man-pages/man8/yum.8.html
# custom:
#   id: dockerfile-yum-cache-not-cleaned
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-459]
#   remediation: End the RUN with && yum clean all (dnf clean all, microdnf clean all, tdnf clean all), or mount a cache with RUN --mount=type=cache.
#   related:
#     kics: [00481784-25aa-4a55-8633-3136dfcf4f37]
#     trivy: [AVD-DS-0015, AVD-DS-0019, AVD-DS-0027]
package ward.checks.dockerfile_yum_cache_not_cleaned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_pm := `(yum|dnf|dnf5|microdnf|tdnf)`

_install := concat("", [`(^|[\s;&|(/])`, _pm, `\s+(-\S+\s+)*(install|groupinstall|localinstall|reinstall|update|upgrade|in)(\s|$)`])

_clean := concat("", [`(^|[\s;&|(/])`, _pm, `\s+(-\S+\s+)*clean\s+(all|packages|metadata)|rm\s[^;&|\n]*/var/cache/(yum|dnf)`])

deny contains res if {
	some x in df.runs
	df.image_stage(x.r)
	regex.match(_install, df.after_last(x.script, _clean))
	not df.cache_mount(x, {"/var/cache/yum", "/var/cache/dnf", "/var/cache/tdnf"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN installs packages without cleaning the yum/dnf cache afterwards", [df.label(x.r)]))
}
