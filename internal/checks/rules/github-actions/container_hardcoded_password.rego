# METADATA
# title: Registry password written in a job container or service
# description: |
#   container.credentials.password or services.<name>.credentials.password
#   holds a literal value instead of a secret reference. The registry password
#   is then readable by everyone who can read the repository and its history,
#   and cannot be rotated without a commit.
# related_resources:
#   - https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainercredentials
#   - https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions
# custom:
#   id: gha-container-hardcoded-password
#   severity: high
#   kind: github-actions
#   resources: [workflow]
#   cwe: [CWE-798]
#   remediation: Store the password as an encrypted secret, reference it with a secrets expression (secrets.REGISTRY_PASSWORD), and rotate the exposed password.
package ward.checks.gha_container_hardcoded_password

import rego.v1

import data.ward.lib
import data.ward.lib.gha

deny contains res if {
	some r in gha.workflows
	some j in gha.jobs(r)
	some x in containers(gha.job_config(r, j), j.pointer)
	gha.literal(x.c.credentials.password)
	msg := sprintf("%s: job %q %s has a literal registry password", [r.name, j.job, x.what])
	res := lib.result(r, sprintf("%s/credentials/password", [x.ptr]), msg)
}

containers(job, ptr) := array.concat(
	[{"c": job.container, "ptr": sprintf("%s/container", [ptr]), "what": "container"} | is_object(job.container)],
	[{"c": svc, "ptr": sprintf("%s/services/%s", [ptr, gha.escape(name)]), "what": sprintf("service %q", [name])} |
		is_object(job.services)
		some name, svc in job.services
		is_object(svc)
	],
)
