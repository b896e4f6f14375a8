# METADATA
# title: RBAC rule uses a wildcard
# description: |
#   A "*" in a rule's apiGroups, resources or verbs grants every current and
#   future value: new resource types, subresources such as pods/exec and
#   secrets, and verbs such as escalate and impersonate. Together they make
#   the role equivalent to cluster-admin within its scope.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege
# custom:
#   id: k8s-rbac-wildcard
#   severity: high
#   kind: kubernetes
#   resources: [Role, ClusterRole]
#   cwe: [CWE-732]
#   remediation: List the API groups, resources and verbs the subject actually needs instead of "*".
#   related:
#     kics: [6b896afb-ca07-467a-b256-1a0077a1c08e]
#     checkov: [CKV_K8S_49]
package ward.checks.k8s_rbac_wildcard

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.rbac_roles
	some x in k8s.rules(r)
	some field in ["apiGroups", "resources", "verbs"]
	some v in k8s.rule_values(x, field)
	v.v == "*"
	res := lib.result(r, v.ptr, sprintf("%s grants \"*\" in %s", [r.name, field]))
}
