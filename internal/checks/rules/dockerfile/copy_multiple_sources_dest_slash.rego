# METADATA
# title: COPY or ADD of several sources to a destination without a trailing slash
# description: |
#   COPY or ADD names more than one source but the destination does not end
#   with a slash. Docker requires a directory destination written with a
#   trailing slash in that case, and the build fails; the slash also tells
#   readers that the files land inside a directory.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#copy
# custom:
#   id: dockerfile-copy-multiple-sources-dest-slash
#   severity: low
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-628]
#   remediation: End the destination with a slash (COPY package.json yarn.lock /app/).
#   related:
#     kics: [6db6e0c2-32a3-4a2e-93b5-72c35f4119db]
#     trivy: [AVD-DS-0011]
package ward.checks.dockerfile_copy_multiple_sources_dest_slash

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd in {"copy", "add"}
	count(ins.value) > 2
	dest := ins.value[count(ins.value) - 1]
	not endswith(dest, "/")
	not endswith(dest, "\\")
	not contains(dest, "$")
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: %s of %d sources to %s, which does not end with /", [df.label(r), upper(ins.cmd), count(ins.value) - 1, dest]))
}
