# METADATA
# title: apk add keeps its package cache in the image
# description: |
#   apk add runs without --no-cache and the RUN does not remove
#   /var/cache/apk, so the downloaded index and packages stay in the layer.
#   The image grows for nothing, and stale indexes cached in a layer make later
#   installs use outdated package versions.
# related_resources:
#   - https://wiki.alpinelinux.org/wiki/Local_APK_cache
# custom:
#   id: dockerfile-apk-no-cache
#   severity: info
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-459]
#   remediation: Use apk add --no-cache (it also replaces apk update), or mount a cache with RUN --mount=type=cache,target=/var/cache/apk.
#   related:
#     kics: [ae9c56a6-3ed1-4ac0-9b54-31267f51151d]
#     trivy: [AVD-DS-0025]
package ward.checks.dockerfile_apk_no_cache

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	df.image_stage(x.r)
	some a in df.apk_add(x)
	not "--no-cache" in a.c.args
	not regex.match(`(^|[\s;&|(])rm\s[^;&|\n]*/var/cache/apk`, x.script)
	not df.cache_mount(x, {"/var/cache/apk", "/etc/apk/cache"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs apk add without --no-cache", [df.label(x.r)]))
}
