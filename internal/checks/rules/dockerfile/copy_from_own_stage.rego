# METADATA
# title: COPY --from names the stage it is in
# description: |
#   COPY --from names the stage that contains the instruction. A stage cannot
#   copy from itself: the build fails, or, when the name is also an image
#   name, BuildKit pulls that image instead, copying files from content the
#   author did not intend.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#copy---from
# custom:
#   id: dockerfile-copy-from-own-stage
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-706]
#   remediation: Point --from at an earlier stage (or an image), or copy from the build context.
#   related:
#     kics: [cdddb86f-95f6-4fc4-b5a1-483d9afceb2b]
#     trivy: [AVD-DS-0006]
package ward.checks.dockerfile_copy_from_own_stage

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd == "copy"
	from := ins.flags.from
	is_string(from)
	lower(from) in {lower(r.name), sprintf("%d", [df.index(r)])}
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: COPY --from=%s refers to the stage itself", [df.label(r), from]))
}
