# METADATA
# title: Untrusted data written to GITHUB_ENV or GITHUB_PATH
# description: |
#   Lines written to the $GITHUB_ENV and $GITHUB_PATH files set environment
#   variables and PATH entries for every later step. When the written value
#   comes from an issue, pull request, commit or a downloaded artifact, a
#   newline in it lets an attacker set LD_PRELOAD, NODE_OPTIONS, BASH_ENV or
#   PATH and run code in the following steps; passing the value through env
#   first does not help.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable
#   - https://securitylab.github.com/advisories/GHSL-2024-178_setup-python/
# custom:
#   id: gha-github-env-injection
#   severity: high
#   kind: github-actions
#   resources: [workflow, action]
#   cwe: [CWE-94, CWE-74]
#   remediation: Do not write untrusted values to $GITHUB_ENV or $GITHUB_PATH; pass them to later steps as step outputs or env blocks, validate artifact contents against a strict pattern first, and never in pull_request_target or workflow_run jobs.
package ward.checks.gha_github_env_injection

import rego.v1

import data.ward.lib
import data.ward.lib.gha

writes_env := `(?i)((>>?|\btee\b[^\n]*)\s*["'{$]*(env[:.])?\$?\{?GITHUB_(ENV|PATH)\b|\b(Out-File|Add-Content|Set-Content)\b[^\n]*GITHUB_(ENV|PATH)\b)`

deny contains res if {
	some r in gha.docs
	some s in gha.steps(r)
	regex.match(writes_env, gha.step_run(r, s))
	bad := gha.untrusted_in(object.get(s, "run_expressions", [])) | gha.env_untrusted(r, s)
	count(bad) > 0
	msg := sprintf("%s: %s writes %s to GITHUB_ENV or GITHUB_PATH", [r.name, gha.label(r, s), concat(", ", sort(bad))])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, gha.privileged_triggers)
	some s in gha.steps(r)
	regex.match(writes_env, gha.step_run(r, s))
	some d in gha.steps(r)
	d.job == s.job
	d.index < s.index
	gha.downloads_artifact(d)
	msg := sprintf("%s: %s writes to GITHUB_ENV or GITHUB_PATH after %s downloads an artifact", [r.name, gha.label(r, s), gha.label(r, d)])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}
