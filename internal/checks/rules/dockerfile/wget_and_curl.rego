# METADATA
# title: Stage uses both wget and curl
# description: |
#   One stage downloads files with both wget and curl. Both tools then need
#   to be installed and kept patched in the image, and downloads behave
#   differently (redirects, retries, TLS options) from one RUN to the next.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#run
# custom:
#   id: dockerfile-wget-and-curl
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-1041]
#   remediation: Standardise on one download tool per image and remove the other package.
#   related:
#     kics: [fc775e75-fcfb-4c98-b2f2-910c5858b359]
#     trivy: [AVD-DS-0014]
package ward.checks.dockerfile_wget_and_curl

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

# Report the RUNs of the tool introduced second (curl on a tie).
deny contains res if {
	some r in df.stages
	first_curl := min(_lines(r, "curl"))
	first_wget := min(_lines(r, "wget"))
	second := _second(first_curl, first_wget)
	first := {"curl": "wget", "wget": "curl"}[second]
	some x in df.stage_runs(r)
	_uses(x, second)
	res := lib.result(r, x.ptr, sprintf("%s: RUN uses %s although the stage also uses %s", [df.label(r), second, first]))
}

_second(c, w) := "wget" if w > c

else := "curl"

_lines(r, tool) := {x.line | some x in df.stage_runs(r); _uses(x, tool)}

_uses(x, tool) if {
	some c in x.cmds
	c.prog == tool
}
