# METADATA
# title: pip install keeps its download cache in the image
# description: |
#   pip install runs without --no-cache-dir (and PIP_NO_CACHE_DIR is not set),
#   so pip's cache of downloaded and built packages, often hundreds of
#   megabytes, stays in the layer. The image grows for nothing.
# related_resources:
#   - https://pip.pypa.io/en/stable/topics/caching/
# custom:
#   id: dockerfile-pip-no-cache-dir
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-459]
#   remediation: Add --no-cache-dir to pip install, set ENV PIP_NO_CACHE_DIR=1, or mount a cache with RUN --mount=type=cache,target=/root/.cache/pip.
#   related:
#     kics: [f2f903fb-b977-461e-98d7-b3e2185c6118]
package ward.checks.dockerfile_pip_no_cache_dir

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	df.image_stage(x.r)
	some a in df.pip_install(x)
	not df.has_option(a.c.args, "--no-cache-dir")
	not cache_disabled(x)
	not df.cache_mount(x, {"/root/.cache", "/home/"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs %s install without --no-cache-dir", [df.label(x.r), a.c.prog]))
}

cache_disabled(x) if lower(df.env_value(x, "PIP_NO_CACHE_DIR")) in {"1", "true", "yes", "on"}
