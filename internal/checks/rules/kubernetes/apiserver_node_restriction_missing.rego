# METADATA
# title: API server does not enable the NodeRestriction admission plugin
# description: |
#   Without NodeRestriction a kubelet's credentials can modify any Node and
#   Pod object, not just its own node and the pods bound to it. An attacker
#   who compromises one node can then relabel other nodes or alter pods to
#   steer workloads and secrets onto the node they control.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction
# custom:
#   id: k8s-apiserver-node-restriction-missing
#   severity: medium
#   kind: kubernetes
#   resources: [Pod]
#   cwe: [CWE-285]
#   remediation: Add NodeRestriction to --enable-admission-plugins (and use --authorization-mode=Node,RBAC).
#   related:
#     kics: [33fc6923-6553-4fe6-9d3a-4efa51eb874b]
package ward.checks.k8s_apiserver_node_restriction_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	not "NodeRestriction" in k8s.admission_enabled(x)
	res := lib.result(r, k8s.admission_ptr(x), sprintf("%s: kube-apiserver does not enable the NodeRestriction admission plugin", [r.name]))
}

deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	"NodeRestriction" in k8s.admission_enabled(x)
	some f in k8s.flag(x, "disable-admission-plugins")
	"NodeRestriction" in {trim_space(p) | some p in split(f.v, ",")}
	res := lib.result(r, f.ptr, sprintf("%s: kube-apiserver disables the NodeRestriction admission plugin", [r.name]))
}
