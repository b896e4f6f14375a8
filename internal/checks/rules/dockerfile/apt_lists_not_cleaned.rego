# METADATA
# title: apt package lists are left in the image
# description: |
#   A RUN downloads the apt package lists (apt-get update) but does not delete
#   /var/lib/apt/lists in the same RUN. Layers are additive: the lists, tens of
#   megabytes, stay in the image even if a later RUN removes them, and stale
#   lists cached in a layer make later installs use outdated versions.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#apt-get
# custom:
#   id: dockerfile-apt-lists-not-cleaned
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-459]
#   remediation: End the RUN that calls apt-get update and install with && rm -rf /var/lib/apt/lists/*, or use RUN --mount=type=cache,target=/var/lib/apt/lists.
package ward.checks.dockerfile_apt_lists_not_cleaned

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	df.image_stage(x.r)
	some c in x.cmds
	c.prog in {"apt-get", "apt"}
	"update" in df.positional(c.args, df.apt_valued)
	not regex.match(`(^|[\s;&|(])rm\s[^;&|\n]*/var/lib/apt/lists`, x.script)
	not df.cache_mount(x, {"/var/lib/apt"})
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs %s update but keeps /var/lib/apt/lists in the layer", [df.label(x.r), c.prog]))
}
