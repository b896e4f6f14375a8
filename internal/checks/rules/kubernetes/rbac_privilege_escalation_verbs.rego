# METADATA
# title: Role grants escalate, bind or impersonate
# description: |
#   escalate lets a subject create roles with permissions it does not hold,
#   bind lets it bind any role (cluster-admin included), and impersonate lets
#   it act as any user, group or service account. Each bypasses RBAC's
#   protection against privilege escalation.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb
#   - https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping
# custom:
#   id: k8s-rbac-privilege-escalation-verbs
#   severity: high
#   kind: kubernetes
#   resources: [Role, ClusterRole]
#   cwe: [CWE-269]
#   remediation: Remove escalate, bind and impersonate from the role; where delegation is needed, restrict bind to named roles with resourceNames.
package ward.checks.k8s_rbac_privilege_escalation_verbs

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.rbac_roles
	some x in k8s.rules(r)
	some v in k8s.rule_values(x, "verbs")
	v.v in {"escalate", "bind", "impersonate"}
	res := lib.result(r, v.ptr, sprintf("%s grants the %s verb", [r.name, v.v]))
}
