# Helpers of Ward's GitHub Actions checks: workflows (type "workflow")
# and action metadata files (type "action"), read through
# config._derived (see internal/iac/actions.go).
package ward.lib.gha

import rego.v1

import data.ward.lib

# workflows are the document's workflow files; docs adds action.yml files.
workflows := lib.resources("workflow")

actions := lib.resources("action")

docs := lib.resources_of({"workflow", "action"})

# derived is a file's derived data ({} when absent).
derived(r) := object.get(r.config, "_derived", {})

triggers(r) := {t | some t in object.get(derived(r), "triggers", [])}

# has_trigger holds when r runs on any of the events in ts.
has_trigger(r, ts) if {
	some t in triggers(r)
	t in ts
}

# privileged_triggers run with the base repository's secrets and a
# read/write token while reacting to what outsiders submit.
privileged_triggers := {"pull_request_target", "workflow_run"}

# fork_triggers run code of a pull request, forks included.
fork_triggers := {"pull_request", "pull_request_review", "pull_request_review_comment"}

jobs(r) := object.get(derived(r), "jobs", [])

steps(r) := object.get(derived(r), "steps", [])

# at reads the raw value at a JSON pointer of r.config (null when absent);
# numeric segments index lists (steps).
at(r, ptr) := object.get(r.config, path(ptr), null)

path(ptr) := [_segment(s) | some s in lib.pointer_path(ptr)]

_segment(s) := to_number(s) if regex.match(`^[0-9]+$`, s)

else := s

# step_config is a step as written ({} when not a mapping).
step_config(r, s) := c if {
	c := at(r, s.pointer)
	is_object(c)
} else := {}

job_config(r, j) := c if {
	c := at(r, j.pointer)
	is_object(c)
} else := {}

# step_with is a step's "with" mapping ({} when absent).
step_with(r, s) := w if {
	w := step_config(r, s)["with"]
	is_object(w)
} else := {}

# step_run is a step's run script ("" when it has none).
step_run(r, s) := run if {
	run := step_config(r, s).run
	is_string(run)
} else := ""

# label names a step for messages: its name, its id, or its position.
label(r, s) := sprintf("step %q of job %q", [n, s.job]) if {
	s.job != ""
	n := step_config(r, s).name
	is_string(n)
} else := sprintf("step %q of job %q", [s.id, s.job]) if {
	s.job != ""
	is_string(s.id)
} else := sprintf("step %d of job %q", [s.index + 1, s.job]) if {
	s.job != ""
} else := sprintf("step %q", [n]) if {
	n := step_config(r, s).name
	is_string(n)
} else := sprintf("step %d", [s.index + 1])

# uses_action holds when step s calls owner/repo (case-insensitive), at
# any path and ref.
uses_action(s, owner, repo) if {
	lower(s.uses.owner) == owner
	lower(s.uses.repo) == repo
}

# uses_name is "owner/repo" of a remote action, lower case.
uses_name(u) := lower(sprintf("%s/%s", [u.owner, u.repo]))

# first_party holds for actions GitHub publishes itself.
first_party(u) if lower(u.owner) in {"actions", "github"}

# remote holds for owner/repo@ref actions and reusable workflows.
remote(u) if {
	u.local == false
	u.docker == false
	is_string(u.owner)
}

# third_party holds for remote actions not published by GitHub.
third_party(u) if {
	remote(u)
	not first_party(u)
}

is_checkout(s) if uses_action(s, "actions", "checkout")

# run_contexts is the set of contexts a step's run script expands.
run_contexts(s) := {c | some e in object.get(s, "run_expressions", []); some c in e.contexts}

# untrusted holds for a context whose value an outsider can choose:
# titles, bodies, branch names, commit messages and author identities of
# issues, pull requests, comments, discussions, pushes and workflow runs.
untrusted(ctx) if {
	some p in untrusted_patterns
	glob.match(p, ["."], ctx)
}

# A commit's author or committer name and e-mail are free text whatever
# the event ("github.event.commits.0.author.name").
untrusted(ctx) if {
	startswith(ctx, "github.event.")
	parts := split(ctx, ".")
	n := count(parts)
	n >= 4
	parts[n - 2] in {"author", "authors", "committer", "committers"}
	parts[n - 1] in {"name", "email", "username"}
}

# Whole objects that contain untrusted fields (toJSON(github.event)).
untrusted(ctx) if ctx in {
	"github", "github.event", "github.event.issue", "github.event.pull_request",
	"github.event.comment", "github.event.review", "github.event.review_comment",
	"github.event.discussion", "github.event.head_commit", "github.event.commits",
	"github.event.workflow_run", "github.event.workflow_run.head_commit",
	"github.event.pages", "github.event.pull_request.head",
}

untrusted_patterns := [
	"github.event.issue.title",
	"github.event.issue.body",
	"github.event.pull_request.title",
	"github.event.pull_request.body",
	"github.event.pull_request.head.ref",
	"github.event.pull_request.head.label",
	"github.event.pull_request.head.repo.default_branch",
	"github.event.pull_request.head.repo.description",
	"github.event.comment.body",
	"github.event.review.body",
	"github.event.review_comment.body",
	"github.event.discussion.title",
	"github.event.discussion.body",
	"github.event.pages.*.page_name",
	"github.event.pages.*.title",
	"github.event.commits.*.message",
	"github.event.head_commit.message",
	"github.event.workflow_run.head_branch",
	"github.event.workflow_run.display_title",
	"github.event.workflow_run.head_commit.message",
	"github.event.workflow_run.pull_requests.*.head.ref",
	"github.event.workflow_run.head_repository.description",
	"github.event.workflow_run.path",
	"github.event.workflow.path",
	"github.event.check_suite.head_branch",
	"github.event.check_run.check_suite.head_branch",
	"github.event.merge_group.head_commit.message",
	"github.head_ref",
]

# untrusted_in lists the untrusted contexts of a list of expressions.
untrusted_in(exprs) := {c | some e in exprs; some c in e.contexts; untrusted(c)}

# pr_head_context holds for contexts that name the pull request's own code (its head commit or
# branch, or the commit a workflow run was triggered for).
pr_head_context(ctx) if ctx in {
	"github.event.pull_request.head.sha",
	"github.event.pull_request.head.ref",
	"github.event.pull_request.merge_commit_sha",
	"github.event.pull_request.head.repo.full_name",
	"github.event.pull_request.head.repo.clone_url",
	"github.event.workflow_run.head_sha",
	"github.event.workflow_run.head_branch",
	"github.event.workflow_run.head_commit.id",
	"github.event.workflow_run.head_repository.full_name",
	"github.head_ref",
}

pr_head_context(ctx) if glob.match("github.event.workflow_run.pull_requests.*.head.*", ["."], ctx)

# env_entries lists every environment variable set at workflow, job or
# step level (composite action steps included) as {name, value, ptr}.
env_entries(r) := array.concat(
	_env_at(r, ""),
	array.concat(
		[e | some j in jobs(r); some e in _env_at(r, j.pointer)],
		[e | some s in steps(r); some e in _env_at(r, s.pointer)],
	),
)

_env_at(r, base) := [{"name": k, "value": v, "ptr": sprintf("%s/env/%s", [base, escape(k)])} |
	env := at(r, sprintf("%s/env", [base]))
	is_object(env)
	some k, v in env
]

# escape escapes a key for a JSON pointer.
escape(k) := replace(replace(k, "~", "~0"), "/", "~1")

# literal holds for a non-empty string that holds no ${{ }} expression.
literal(v) if {
	is_string(v)
	trim_space(v) != ""
	not contains(v, "${{")
}

# script_lines lists the lines of a run script.
script_lines(run) := split(run, "\n")

# uses_refs lists every remote "uses" of a file, steps and reusable
# workflow calls, as {"uses", "ptr"}.
uses_refs(r) := array.concat(
	[{"uses": s.uses, "ptr": sprintf("%s/uses", [s.pointer])} | some s in steps(r); is_object(s.uses)],
	[{"uses": j.uses, "ptr": sprintf("%s/uses", [j.pointer])} | some j in jobs(r); is_object(j.uses)],
)

# unpinned_remote holds for a remote action or reusable workflow whose ref
# is not a full commit SHA.
unpinned_remote(u) if {
	remote(u)
	u.pinned == false
}

# text_contexts approximates the github.* contexts a string's ${{ }}
# expressions read, for values _derived does not parse (env blocks):
# "github.event.commits[0].message" reads as "github.event.commits.0.message".
text_contexts(s) := {c |
	is_string(s)
	contains(s, "${{")
	some m in regex.find_n(`(?i)\bgithub(\.[a-z0-9_*-]+|\[[^\]\[]*\])+`, s, -1)
	c := _normalize(m)
}

_normalize(m) := lower(regex.replace(replace(replace(m, "['", "."), "']", ""), `\[([0-9]+|\*)\]`, ".$1"))

# env_untrusted lists the untrusted contexts a step's env block reads.
env_untrusted(r, s) := {c |
	env := step_config(r, s).env
	is_object(env)
	some v in env
	some c in text_contexts(v)
	untrusted(c)
}

# downloads_artifact holds for steps that fetch artifacts of other runs.
downloads_artifact(s) if uses_action(s, "actions", "download-artifact")

downloads_artifact(s) if uses_action(s, "dawidd6", "action-download-artifact")
