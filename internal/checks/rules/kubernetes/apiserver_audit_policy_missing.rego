# METADATA
# title: API server has no audit policy
# description: |
#   Without --audit-policy-file the API server writes no audit events, so
#   there is no record of who read secrets, changed RBAC or exec'd into pods,
#   and incidents cannot be reconstructed.
# related_resources:
#   - https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/
# custom:
#   id: k8s-apiserver-audit-policy-missing
#   severity: medium
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-778]
#   remediation: Pass --audit-policy-file with a policy that logs at least metadata for all requests and request bodies for sensitive resources, together with --audit-log-path or an audit webhook.
#   related:
#     kics: [13a49a2e-488e-4309-a7c0-d6b05577a5fb]
package ward.checks.k8s_apiserver_audit_policy_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	not configured(x)
	res := lib.result(r, k8s.cmd_ptr(x), sprintf("%s: kube-apiserver runs without --audit-policy-file", [r.name]))
}

configured(x) if {
	some f in k8s.flag(x, "audit-policy-file")
	f.v != ""
}
