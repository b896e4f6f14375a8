# METADATA
# title: zypper cache is left in the image
# description: |
#   A RUN installs packages with zypper and does not run zypper clean (or
#   remove /var/cache/zypp) after the last install in the same RUN. The
#   downloaded metadata and packages stay in the layer and the image grows for
#   nothing.
# related_resources:
#   - https://en.opensuse.org/SDB:Zypper_manual
# custom:
#   id: dockerfile-zypper-cache-not-cleaned
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-459]
#   remediation: End the RUN with && zypper clean --all, or mount a cache with RUN --mount=type=cache,target=/var/cache/zypp.
#   related:
#     kics: [38300d1a-feb2-4a48-936a-d1ef1cd24313]
#     trivy: [AVD-DS-0020]
package ward.checks.dockerfile_zypper_cache_not_cleaned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_install := `(^|[\s;&|(/])zypper\s+(-\S+\s+)*(install|in|update|up|dist-upgrade|dup|patch|source-install|si)(\s|$)`

_clean := `(^|[\s;&|(/])zypper\s+(-\S+\s+)*(clean|cc)(\s|$)|rm\s[^;&|\n]*/var/cache/zypp`

deny contains res if {
	some x in df.runs
	df.image_stage(x.r)
	regex.match(_install, df.after_last(x.script, _clean))
	not df.cache_mount(x, {"/var/cache/zypp"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN installs packages with zypper without zypper clean afterwards", [df.label(x.r)]))
}
