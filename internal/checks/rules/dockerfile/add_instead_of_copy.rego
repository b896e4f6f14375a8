# METADATA
# title: ADD used to copy local files
# description: |
#   ADD copies local files but also unpacks tar archives and fetches URLs, so
#   a reader cannot tell from the instruction what ends up in the image: a file
#   renamed to .tar.gz starts being extracted. COPY does only the copy and
#   makes the intent explicit.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#add-or-copy
# custom:
#   id: dockerfile-add-instead-of-copy
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-610]
#   remediation: Use COPY for local files and directories; keep ADD for archives you mean to unpack.
#   related:
#     kics: [9513a694-aa0d-41d8-be61-3271e056f36b]
#     checkov: [CKV_DOCKER_4]
#     trivy: [AVD-DS-0005]
package ward.checks.dockerfile_add_instead_of_copy

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd == "add"
	local := [s |
		some s in array.slice(ins.value, 0, count(ins.value) - 1)
		not df.remote_source(s)
		not df.archive(s)
		not startswith(s, "<<")
	]
	count(local) > 0
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: ADD copies local %s; use COPY", [df.label(r), concat(" ", local)]))
}
