# METADATA
# title: Secret printed by a run script
# description: |
#   A run script echoes a ${{ secrets.* }} expression. GitHub masks the exact
#   secret in logs, but masking misses transformed or partial output (a
#   secret with newlines, JSON, a substring), and logs of public repositories
#   are public. Expanding the secret into the script also writes it into the
#   script file on the runner.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions#using-secrets-in-a-workflow
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-secrets
# custom:
#   id: gha-secret-printed-in-run
#   severity: medium
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-532]
#   remediation: Do not print secrets; pass them to the command that needs them through the step's env block (or a file or stdin) and never echo them to the log.
package ward.checks.gha_secret_printed_in_run

import rego.v1

import data.ward.lib
import data.ward.lib.gha

printer := `(?i)(^|[\s;&(])(echo|printf|print|puts|Write-Host|Write-Output|console\.log)\b`

secret_expr := `(?i)\$\{\{[^}]*\bsecrets(\.|\[)`

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	some line in gha.script_lines(gha.step_run(r, s))
	regex.match(secret_expr, line)
	regex.match(printer, line)
	not regex.match(`[|>]`, line)
	names := {m[1] | some m in regex.find_all_string_submatch_n(`(?i)secrets\.([A-Za-z0-9_-]+)`, line, -1)}
	msg := sprintf("%s: %s prints %s to the log", [r.name, gha.label(r, s), secret_names(names)])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}

secret_names(names) := concat(", ", [sprintf("secrets.%s", [n]) | some n in sort(names)]) if count(names) > 0

else := "a secret"
