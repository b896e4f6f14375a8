# METADATA
# title: RUN pipes commands without pipefail
# description: |
#   A RUN pipes one command into another (wget -O- URL | tar x) with a shell
#   that is not set to fail on pipe errors. The step's status is then the last
#   command's only: a failed download or a crashing producer goes unnoticed and
#   the build continues with missing or truncated files.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#using-pipes
# custom:
#   id: dockerfile-pipe-without-pipefail
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-754]
#   remediation: Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] before the RUN, or start the script with set -o pipefail in a shell that supports it.
#   related:
#     kics: [efbf148a-67e9-42d2-ac47-02fa1c0d0b22]
package ward.checks.dockerfile_pipe_without_pipefail

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some x in df.runs
	x.shell == true
	unquoted := regex.replace(x.script, `'[^']*'|"(\\.|[^"\\])*"`, "''")
	regex.match(`(^|[^|])\|([^|&]|$)`, unquoted)
	not contains(x.script, "pipefail")
	not _shell_handles(x)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN uses a pipe but the shell does not set pipefail", [df.label(x.r)]))
}

# The SHELL in effect sets pipefail, or is not a POSIX shell (cmd,
# PowerShell) where the advice does not apply.
_shell_handles(x) if {
	sh := _shell_at(x)
	"pipefail" in sh
}

_shell_handles(x) if {
	sh := _shell_at(x)
	not df.is_shell(df.base(sh[0]))
}

_shell_at(x) := sh if {
	ids := df.lineage_ids[x.r.id]
	cands := [c | some c in df.shells; c.stage in ids; c.line < x.line]
	count(cands) > 0
	top := max([c.line | some c in cands])
	some c in cands
	c.line == top
	sh := c.value
}
