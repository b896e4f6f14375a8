# METADATA
# title: RUN pipes a downloaded script into a shell
# description: |
#   A RUN downloads a script with curl or wget and runs it straight away
#   (curl ... | sh, bash -c "$(curl ...)", bash <(wget ...)). Nothing checks
#   what was downloaded: whoever controls the server, the DNS or the network
#   path, or a truncated download, decides what runs in the build with its
#   privileges and what ends up in the image.
# related_resources:
#   - https://docs.docker.com/build/building/best-practices/#run
# custom:
#   id: dockerfile-curl-pipe-shell
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-494]
#   remediation: Download the script to a file, verify it against a pinned checksum or signature (sha256sum -c), then run it; or install the tool from a package or a pinned release artifact.
package ward.checks.dockerfile_curl_pipe_shell

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

_interp := `(sh|bash|dash|ash|zsh|ksh|python[0-9.]*|perl|ruby|node)`

_patterns := [
	# curl ... | sh, wget -O- ... | sudo bash -s
	concat("", [`(^|[\s;&|(])(curl|wget)\s[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+)?(\S*/)?`, _interp, `(\s|$)`]),
	# sh -c "$(curl ...)"
	concat("", [`(^|[\s;&|(])(\S*/)?`, _interp, `\s+(-\S+\s+)*["']?\$\(\s*(curl|wget)\s`]),
	# bash <(curl ...), source <(wget ...)
	`<\(\s*(curl|wget)\s`,
]

deny contains res if {
	some x in df.runs
	some p in _patterns
	regex.match(p, x.script)
	res := lib.result(x.r, x.ptr, sprintf("%s: RUN runs a script fetched with curl or wget without verifying it", [df.label(x.r)]))
}
