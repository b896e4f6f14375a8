# METADATA
# title: Image runs as root
# description: |
#   The final stage sets no USER, or sets root (USER root, USER 0), so the
#   container's main process runs as root. Any code execution bug in the
#   application then has root's rights inside the container, and a kernel or
#   runtime escape starts from root. CIS Docker Benchmark 4.1 asks for a
#   non-root user.
# related_resources:
#   - https://docs.docker.com/reference/dockerfile/#user
# custom:
#   id: dockerfile-root-user
#   severity: medium
#   kind: dockerfile
#   resources: [stage]
#   cwe: [CWE-250]
#   remediation: Create an unprivileged user (RUN useradd -r -u 10001 app) and add USER app (or a numeric UID) after the steps that need root.
#   related:
#     checkov: [CKV_DOCKER_3, CKV_DOCKER_8]
#     trivy: [AVD-DS-0002]
package ward.checks.dockerfile_root_user

import rego.v1

import data.ward.lib
import data.ward.lib.dockerfile as df

deny contains res if {
	some r in df.stages
	df.final(r)
	cands := [s | some s in df.lineage(r); lib.has(s.config, "user")]
	count(cands) == 0
	res := lib.result(r, "", sprintf("%s is the final image and sets no USER: it runs as root unless base image %s sets a user", [df.label(r), df.base_ref(r)]))
}

deny contains res if {
	some r in df.stages
	df.final(r)
	cands := [s | some s in df.lineage(r); lib.has(s.config, "user")]
	s := df.nearest(cands)
	root(s.config.user)
	res := lib.result(s, "/user", sprintf("%s is the final image and runs as %q", [df.label(r), s.config.user]))
}

root(u) if {
	name := split(u, ":")[0]
	name in {"root", "0"}
}
