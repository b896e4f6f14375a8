# METADATA
# title: Binding grants permissions to unauthenticated users
# description: |
#   Subjects system:anonymous and system:unauthenticated are every request
#   that presents no credentials. Binding a role to them gives its
#   permissions to anyone who can reach the API server.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests
# custom:
#   id: k8s-rbac-anonymous-binding
#   severity: critical
#   kind: kubernetes
#   resources: [RoleBinding, ClusterRoleBinding]
#   cwe: [CWE-306]
#   remediation: Remove system:anonymous and system:unauthenticated from the binding's subjects and bind the role to authenticated identities.
package ward.checks.k8s_rbac_anonymous_binding

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# defaults are the roles Kubernetes itself binds to unauthenticated users.
defaults := {"system:public-info-viewer"}

deny contains res if {
	some r in k8s.rbac_bindings
	not r.config.roleRef.name in defaults
	some i, s in lib.as_list(object.get(r.config, "subjects", []))
	s.name in {"system:anonymous", "system:unauthenticated"}
	res := lib.result(r, sprintf("/subjects/%d/name", [i]), sprintf("%s grants %v to %s", [r.name, object.get(r.config.roleRef, "name", ""), s.name]))
}
