# METADATA
# title: Self-hosted runner runs pull request code
# description: |
#   Jobs triggered by pull_request events run the pull request's code, and in
#   a public repository anyone can open one from a fork. On a self-hosted
#   runner that code runs on your own machine, inside your network, and can
#   persist on a non-ephemeral runner to tamper with later jobs and steal
#   their secrets.
# related_resources:
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#hardening-for-self-hosted-runners
#   - https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security
# custom:
#   id: gha-self-hosted-runner-pull-request
#   severity: high
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-829, CWE-269]
#   remediation: Run pull request jobs on GitHub-hosted runners, or on ephemeral, isolated self-hosted runners with approval required for fork pull requests; keep persistent self-hosted runners for trusted events only.
package ward.checks.gha_self_hosted_runner_pull_request

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, gha.fork_triggers)
	some j in gha.jobs(r)
	j.self_hosted == true
	events := concat(", ", sort([t | some t in gha.triggers(r); t in gha.fork_triggers]))
	msg := sprintf("%s: job %q runs on a self-hosted runner for %s events", [r.name, j.job, events])
	res := lib.result(r, runs_on_ptr(j), msg)
}

runs_on_ptr(j) := sprintf("%s/runs-on/labels", [j.pointer]) if {
	is_object(j.runs_on)
	lib.has(j.runs_on, "labels")
} else := sprintf("%s/runs-on", [j.pointer])
