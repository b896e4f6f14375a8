# METADATA
# title: Role is bound to a default service account
# description: |
#   Every pod that does not name a service account runs as its namespace's
#   default account. Granting permissions to "default" hands them to all of
#   those pods, including ones added later by anyone who can create pods in
#   the namespace.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts
# custom:
#   id: k8s-rbac-default-service-account-binding
#   severity: medium
#   kind: kubernetes
#   resources: [RoleBinding, ClusterRoleBinding]
#   cwe: [CWE-1188]
#   remediation: Create a dedicated ServiceAccount for the workload, set serviceAccountName in its pod spec and bind the role to that account.
#   related:
#     kics: [1e749bc9-fde8-471c-af0c-8254efd2dee5]
package ward.checks.k8s_rbac_default_service_account_binding

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.rbac_bindings
	some i, s in lib.as_list(object.get(r.config, "subjects", []))
	s.kind == "ServiceAccount"
	s.name == "default"
	res := lib.result(r, sprintf("/subjects/%d/name", [i]), sprintf("%s binds %v to the default service account of namespace %v", [r.name, object.get(r.config.roleRef, "name", ""), object.get(s, "namespace", k8s.namespace(r))]))
}
