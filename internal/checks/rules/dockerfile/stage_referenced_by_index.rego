# METADATA
# title: Build stage referenced by number
# description: |
#   COPY --from (or RUN --mount from=) names a build stage by its position
#   (--from=0). Inserting or reordering a stage silently makes the
#   instruction copy from a different stage; named stages (FROM ... AS build)
#   keep the reference stable and readable.
# related_resources:
#   - https://docs.docker.com/build/building/multi-stage/#name-your-build-stages
# custom:
#   id: dockerfile-stage-referenced-by-index
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Name the stage (FROM golang:1.22 AS build) and refer to it by name (COPY --from=build ...).
#   related:
#     kics: [68a51e22-ae5a-4d48-8e87-b01a323605c9]
package ward.checks.dockerfile_stage_referenced_by_index

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	some ref in _refs(ins)
	regex.match(`^[0-9]+$`, ref)
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s refers to build stage %s by number", [df.label(r), upper(ins.cmd), ref]))
}

_refs(ins) := {ins.flags.from | ins.cmd == "copy"; is_string(ins.flags.from)} | {m.from | some m in object.get(ins, "mounts", []); is_string(m.from)}
