# METADATA
# title: Role can read Secrets
# description: |
#   get, list or watch on secrets returns their values: API tokens, database
#   passwords, TLS keys and other service accounts' tokens. In a ClusterRole
#   this covers every namespace, including kube-system.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets
# custom:
#   id: k8s-rbac-secrets-read
#   severity: high
#   kind: kubernetes
#   resources: [Role, ClusterRole]
#   cwe: [CWE-732]
#   remediation: Remove secrets from the rule, or restrict it to the named Secrets the subject needs (resourceNames).
#   related:
#     trivy: [AVD-KSV-0041]
package ward.checks.k8s_rbac_secrets_read

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.rbac_roles
	some x in k8s.rules(r)
	k8s.core_group(x)
	some verb in lib.as_list(object.get(x.rule, "verbs", []))
	verb in {"get", "list", "watch", "*"}
	not named_only(x)
	some v in k8s.rule_values(x, "resources")
	v.v == "secrets"
	res := lib.result(r, v.ptr, sprintf("%s grants %s on secrets", [r.name, verb]))
}

# named_only holds for rules restricted to named Secrets.
named_only(x) if count(lib.as_list(object.get(x.rule, "resourceNames", []))) > 0
