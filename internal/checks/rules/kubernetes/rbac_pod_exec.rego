# METADATA
# title: Role allows exec into pods
# description: |
#   Creating pods/exec (or pods/attach) runs commands inside any container
#   the role can reach, with that container's service account token, mounted
#   secrets and network position. It is a direct path from an RBAC grant to
#   code execution in workloads.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: k8s-rbac-pod-exec
#   severity: medium
#   kind: kubernetes
#   resources: [Role, ClusterRole]
#   cwe: [CWE-732]
#   remediation: Remove pods/exec and pods/attach from the role; grant them only to break-glass or debugging roles bound for a limited time.
#   related:
#     kics: [c589f42c-7924-4871-aee2-1cede9bc7cbc]
package ward.checks.k8s_rbac_pod_exec

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

subresources := {"pods/exec", "pods/attach", "pods/*"}

deny contains res if {
	some r in k8s.rbac_roles
	some x in k8s.rules(r)
	k8s.core_group(x)
	k8s.rule_has(x, "verbs", {"create", "get", "*"})
	some v in k8s.rule_values(x, "resources")
	v.v in subresources
	res := lib.result(r, v.ptr, sprintf("%s grants %s on %s", [r.name, "exec access", v.v]))
}
