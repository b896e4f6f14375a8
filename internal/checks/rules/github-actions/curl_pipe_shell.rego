# METADATA
# title: Run script pipes a download into a shell
# description: |
#   curl ... | bash (and its wget, python, process-substitution and
#   PowerShell iex variants) runs whatever the server returns at that moment,
#   with the job's token and secrets, with no checksum or signature check. A
#   compromised or hijacked download site, or a changed script, then runs
#   code in the pipeline.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions
#   - https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies
# custom:
#   id: gha-curl-pipe-shell
#   severity: medium
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-494]
#   remediation: Download the script or binary to a file, verify its SHA-256 checksum or signature against a pinned value, then run it; better, use a pinned action or a package manager with lock files.
package ward.checks.gha_curl_pipe_shell

import rego.v1

import data.ward.lib
import data.ward.lib.gha

patterns := [
	`(?i)\b(curl|wget)\b[^|\n;]*\|\s*(sudo\s+(-\S+\s+)*)?(bash|sh|zsh|ksh|dash|python[0-9.]*|perl|ruby|node|pwsh|iex)\b`,
	`(?i)\b(bash|sh|zsh|ksh)\s+<\(\s*(curl|wget)\b`,
	`(?i)\b(bash|sh|zsh|ksh)\s+-c\s+["']?\$\(\s*(curl|wget)\b`,
	`(?i)\b(iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b[^|\n]*\|\s*(iex|Invoke-Expression)\b`,
	`(?i)\b(iex|Invoke-Expression)\b\s*[\(\s]+.*\b(DownloadString|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b`,
]

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	run := gha.step_run(r, s)
	some p in patterns
	regex.match(p, run)
	msg := sprintf("%s: %s runs a downloaded script without verifying it", [r.name, gha.label(r, s)])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}
