# METADATA
# title: ADD downloads a remote file without a checksum
# description: |
#   ADD fetches a URL or a git repository at build time and copies the result
#   into the image without --checksum. Nothing verifies the content: a
#   compromised server or a changed release silently changes the image, and the
#   build is not reproducible.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#add
#   - https://docs.docker.com/reference/dockerfile/#add---checksum
# custom:
#   id: dockerfile-add-remote-url
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-494]
#   remediation: Add --checksum=sha256:<digest> to ADD (for git sources, pin a commit), or download with curl and verify the file with sha256sum -c before using it.
package ward.checks.dockerfile_add_remote_url

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	some i, ins in r.config.instructions
	ins.cmd == "add"
	not lib.has(ins.flags, "checksum")
	some src in array.slice(ins.value, 0, count(ins.value) - 1)
	df.remote_source(src)
	not df.pinned_git(src)
	res := lib.result(r, sprintf("/instructions/%d", [i]), sprintf("%s: ADD fetches %s without --checksum", [df.label(r), src]))
}
