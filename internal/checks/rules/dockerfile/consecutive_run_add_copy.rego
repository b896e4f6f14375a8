# METADATA
# title: Three or more mergeable RUN, COPY or ADD instructions in a row
# description: |
#   Three or more consecutive RUN instructions with the same options, or
#   COPY/ADD instructions with the same options and destination, each create a
#   layer. Files deleted in a later RUN still ship in the earlier layer, and
#   the extra layers make the image bigger and slower to pull.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#minimize-the-number-of-layers
# custom:
#   id: dockerfile-consecutive-run-add-copy
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Chain the RUN commands with && in one RUN (clean up in the same RUN), and list the files of COPY/ADD to one destination in one instruction.
#   related:
#     kics: [0008c003-79aa-42d8-95b8-1c2fe37dbfe6]
package ward.checks.dockerfile_consecutive_run_add_copy

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	ins := r.config.instructions
	some i, a in ins
	mergeable(a, ins[i + 1])
	mergeable(ins[i + 1], ins[i + 2])
	not _continues(ins, i)
	breaks := {k | some k in numbers.range(i + 1, count(ins) - 1); not mergeable(ins[k - 1], ins[k])} | {count(ins)}
	n := min(breaks) - i
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %d %s instructions in a row could be one", [df.label(r), n, upper(a.cmd)]))
}

# The run started earlier: report it once, at its first instruction.
_continues(ins, i) if {
	i > 0
	mergeable(ins[i - 1], ins[i])
}

mergeable(a, b) if {
	a.cmd == "run"
	b.cmd == "run"
	a.flags == b.flags
}

mergeable(a, b) if {
	a.cmd in {"copy", "add"}
	b.cmd == a.cmd
	a.flags == b.flags
	_dest(a) == _dest(b)
}

_dest(x) := x.value[count(x.value) - 1]
