# METADATA
# title: Security scan step is allowed to fail silently
# description: |
#   continue-on-error true on a security scanner or policy step (dependency
#   review, secret scanning, container or IaC scanning, runner hardening) lets
#   the job pass when the scan finds problems or fails to run, so the gate
#   the step was added for never blocks anything.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idstepscontinue-on-error
# custom:
#   id: gha-security-step-continue-on-error
#   severity: low
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-390]
#   remediation: Remove continue-on-error from the scanning step; if findings should only be reported, configure the scanner's own exit-code or fail-on setting explicitly instead.
package ward.checks.gha_security_step_continue_on_error

import rego.v1

import data.ward.lib
import data.ward.lib.gha

scanners := {
	"actions/dependency-review-action",
	"anchore/scan-action",
	"aquasecurity/tfsec-action",
	"aquasecurity/trivy-action",
	"bridgecrewio/checkov-action",
	"checkmarx/kics-github-action",
	"github/codeql-action",
	"gitleaks/gitleaks-action",
	"ossf/scorecard-action",
	"returntocorp/semgrep-action",
	"securego/gosec",
	"snyk/actions",
	"sonarsource/sonarqube-quality-gate-action",
	"step-security/harden-runner",
	"trufflesecurity/trufflehog",
	"zricethezav/gitleaks-action",
}

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	gha.remote(s.uses)
	gha.uses_name(s.uses) in scanners
	lib.is_true(gha.step_config(r, s)["continue-on-error"])
	msg := sprintf("%s: %s (%s) continues on error", [r.name, gha.label(r, s), s.uses.action])
	res := lib.result(r, sprintf("%s/continue-on-error", [s.pointer]), msg)
}
