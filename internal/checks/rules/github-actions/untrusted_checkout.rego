# METADATA
# title: Privileged workflow checks out pull request code
# description: |
#   pull_request_target, workflow_run and issue_comment workflows run with the
#   base repository's secrets and a token that can write to it. Checking out the
#   pull request's head (its sha or branch, refs/pull/N/head or merge, or the
#   fork repository) and then building, testing or installing it runs code an
#   outsider wrote with those privileges: a "pwn request" that leads to
#   repository takeover and secret theft.
# related_resources:
#   - https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/
#   - https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target
# custom:
#   id: gha-untrusted-checkout-privileged-trigger
#   severity: critical
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-829]
#   remediation: Build and test pull requests in a pull_request workflow (no secrets, read-only token); if a privileged follow-up is needed, pass data through artifacts treated as untrusted and never run the pull request's code in the privileged job.
package ward.checks.gha_untrusted_checkout_privileged_trigger

import rego.v1

import data.ward.lib
import data.ward.lib.gha

triggers := gha.privileged_triggers | {"issue_comment"}

git_fetch := `(^|[\s;&|(])git\s+(fetch|checkout|switch|pull|reset|merge|worktree)\b`

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, triggers)
	some s in gha.steps(r)
	gha.is_checkout(s)
	some name in ["ref", "repository"]
	head_input(s, gha.step_with(r, s), name)
	not same_repo_only(r, s)
	msg := sprintf("%s: %s checks out pull request code (%s) in a workflow triggered by %s", [r.name, gha.label(r, s), name, trigger_names(r)])
	res := lib.result(r, sprintf("%s/with/%s", [s.pointer, name]), msg)
}

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, triggers)
	some s in gha.steps(r)
	run_fetches_head(s, gha.step_run(r, s))
	not same_repo_only(r, s)
	msg := sprintf("%s: %s fetches pull request code in a workflow triggered by %s", [r.name, gha.label(r, s), trigger_names(r)])
	res := lib.result(r, sprintf("%s/run", [s.pointer]), msg)
}

head_input(s, _, name) if {
	some e in object.get(s, "with_expressions", [])
	e.input == name
	some c in e.contexts
	gha.pr_head_context(c)
}

head_input(_, w, "ref") if {
	is_string(w.ref)
	contains(w.ref, "refs/pull/")
}

run_fetches_head(_, run) if regex.match(`(^|[\s;&|(])gh\s+pr\s+checkout\b`, run)

run_fetches_head(s, run) if {
	regex.match(git_fetch, run)
	some c in gha.run_contexts(s)
	gha.pr_head_context(c)
}

run_fetches_head(_, run) if {
	regex.match(git_fetch, run)
	contains(run, "refs/pull/")
}

# same_repo_only holds when the job or step runs only for pull requests
# from branches of the repository itself (pushing one needs write access).
same_repo_only(r, s) if {
	some j in gha.jobs(r)
	j.job == s.job
	some e in array.concat(object.get(j, "if_expressions", []), object.get(s, "if_expressions", []))
	text := lower(regex.replace(e.text, `\s+`, ""))
	some guard in same_repo_guards
	contains(text, guard)
}

same_repo_guards := [
	"github.event.pull_request.head.repo.full_name==github.repository",
	"github.repository==github.event.pull_request.head.repo.full_name",
	"github.event.pull_request.head.repo.fork==false",
	"!github.event.pull_request.head.repo.fork",
	"github.event.workflow_run.head_repository.full_name==github.repository",
	"github.repository==github.event.workflow_run.head_repository.full_name",
]

trigger_names(r) := concat(", ", sort([t | some t in gha.triggers(r); t in triggers]))
