# METADATA
# title: Role allows port-forwarding to pods
# description: |
#   pods/portforward opens a tunnel from the caller to any port of the pods
#   the role can reach, bypassing Services, Ingress authentication and
#   NetworkPolicies that protect them.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   id: k8s-rbac-pod-port-forward
#   severity: medium
#   kind: kubernetes
#   resources: [Role, ClusterRole]
#   cwe: [CWE-732]
#   remediation: Remove pods/portforward from the role; grant it only to debugging roles bound for a limited time.
#   related:
#     kics: [38fa11ef-dbcc-4da8-9680-7e1fd855b6fb]
package ward.checks.k8s_rbac_pod_port_forward

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

subresources := {"pods/portforward", "pods/*"}

deny contains res if {
	some r in k8s.rbac_roles
	some x in k8s.rules(r)
	k8s.core_group(x)
	k8s.rule_has(x, "verbs", {"create", "get", "*"})
	some v in k8s.rule_values(x, "resources")
	v.v in subresources
	res := lib.result(r, v.ptr, sprintf("%s grants %s on %s", [r.name, "port-forward access", v.v]))
}
