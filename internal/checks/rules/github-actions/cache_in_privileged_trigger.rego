# METADATA
# title: Cache written by a pull_request_target or workflow_run workflow
# description: |
#   pull_request_target and workflow_run jobs run in the context of the default
#   branch, so the caches they save are restored by default-branch builds and
#   releases. If anything the pull request controls reaches the cached paths
#   (its checked-out code, installed dependencies, build output), an outsider
#   can poison the cache and run code in trusted workflows later.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/caching-dependencies-to-speed-up-workflows#restrictions-for-accessing-a-cache
#   - https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/
# custom:
#   id: gha-cache-in-privileged-trigger
#   severity: medium
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-349, CWE-829]
#   remediation: Do not save caches in pull_request_target or workflow_run workflows (use actions/cache/restore, or set the setup action's cache input to false), and build pull request code in pull_request workflows.
package ward.checks.gha_cache_in_privileged_trigger

import rego.v1

import data.ward.lib
import data.ward.lib.gha

setup_actions := {"setup-node", "setup-python", "setup-go", "setup-java", "setup-dotnet", "setup-ruby"}

deny contains res if {
	some r in gha.workflows
	gha.has_trigger(r, gha.privileged_triggers)
	some s in gha.steps(r)
	ptr := cache_ptr(s, gha.step_with(r, s))
	msg := sprintf("%s: %s saves a cache in a workflow triggered by %s", [r.name, gha.label(r, s), concat(", ", sort([t | some t in gha.triggers(r); t in gha.privileged_triggers]))])
	res := lib.result(r, ptr, msg)
}

cache_ptr(s, _) := sprintf("%s/uses", [s.pointer]) if {
	gha.uses_action(s, "actions", "cache")
	lower(object.get(s.uses, "path", "")) in {"", "save"}
}

cache_ptr(s, w) := sprintf("%s/with/cache", [s.pointer]) if {
	lower(s.uses.owner) in {"actions", "ruby"}
	lower(s.uses.repo) in setup_actions
	v := w.cache
	v != false
	v != ""
	not lib.is_false(v)
}
