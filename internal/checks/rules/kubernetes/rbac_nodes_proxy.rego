# METADATA
# title: Role grants access to the kubelet API through nodes/proxy
# description: |
#   nodes/proxy forwards requests to a node's kubelet API, which can run
#   commands in any container on that node (exec, run) without the audit and
#   admission checks of pods/exec. Even get on it is enough for that.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes
# custom:
#   id: k8s-rbac-nodes-proxy
#   severity: high
#   kind: kubernetes
#   resources: [Role, ClusterRole]
#   cwe: [CWE-269]
#   remediation: Remove nodes/proxy from the role; monitoring agents can read metrics through the metrics endpoints (nodes/metrics, nodes/stats) instead.
#   related:
#     trivy: [AVD-KSV-0047]
package ward.checks.k8s_rbac_nodes_proxy

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.rbac_roles
	some x in k8s.rules(r)
	k8s.core_group(x)
	count(lib.as_list(object.get(x.rule, "verbs", []))) > 0
	some v in k8s.rule_values(x, "resources")
	v.v in {"nodes/proxy", "nodes/*"}
	res := lib.result(r, v.ptr, sprintf("%s grants access to %s", [r.name, v.v]))
}
