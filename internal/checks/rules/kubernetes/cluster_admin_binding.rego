# METADATA
# title: Binding grants the cluster-admin role
# description: |
#   cluster-admin allows every action on every resource. A service account,
#   user or group bound to it controls the whole cluster, and a compromise of
#   any pod or credential holding it is a compromise of everything.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: k8s-cluster-admin-binding
#   severity: high
#   kind: kubernetes
#   resources: [RoleBinding, ClusterRoleBinding]
#   cwe: [CWE-269]
#   remediation: Bind a role listing only the permissions the subject needs; reserve cluster-admin for break-glass access.
package ward.checks.k8s_cluster_admin_binding

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.rbac_bindings
	r.config.roleRef.name == "cluster-admin"
	object.get(r.config.roleRef, "kind", "ClusterRole") == "ClusterRole"
	some s in lib.as_list(object.get(r.config, "subjects", []))
	not system_masters(s)
	res := lib.result(r, "/roleRef/name", sprintf("%s binds cluster-admin to %v %v", [r.name, object.get(s, "kind", ""), object.get(s, "name", "")]))
}

system_masters(s) if {
	s.kind == "Group"
	s.name == "system:masters"
}
