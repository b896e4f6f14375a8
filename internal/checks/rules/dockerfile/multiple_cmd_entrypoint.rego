# METADATA
# title: Stage has several CMD or ENTRYPOINT instructions
# description: |
#   A stage sets CMD (or ENTRYPOINT) more than once. Only the last one takes
#   effect; the earlier ones are dead code that misleads readers about what
#   the container runs.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#cmd
#   - https://docs.docker.com/reference/dockerfile/#entrypoint
# custom:
#   id: dockerfile-multiple-cmd-entrypoint
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-710]
#   remediation: Keep one CMD and at most one ENTRYPOINT per stage, and delete the others.
#   related:
#     trivy: [AVD-DS-0007, AVD-DS-0016]
package ward.checks.dockerfile_multiple_cmd_entrypoint

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd in {"cmd", "entrypoint"}
	some j, later in r.config.instructions
	j > i
	later.cmd == ins.cmd
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s is overridden by the %s at line %d", [df.label(r), upper(ins.cmd), upper(ins.cmd), later.line]))
}
