# METADATA
# title: API server or kubelet authorizes every request
# description: |
#   The AlwaysAllow authorization mode lets every authenticated request
#   (and, with anonymous authentication, every request) do anything. On the
#   API server it disables RBAC; on a kubelet it lets anyone who can reach
#   port 10250 run commands in the node's containers.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules
#   - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/
# custom:
#   id: k8s-authorization-always-allow
#   severity: critical
#   kind: kubernetes
#   resources: [Pod, KubeletConfiguration]
#   cwe: [CWE-862]
#   remediation: Use --authorization-mode=Node,RBAC on the API server and authorization mode Webhook on kubelets.
package ward.checks.k8s_authorization_always_allow

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some program in ["kube-apiserver", "kubelet"]
	some [r, x] in k8s.control_containers(program)
	some f in k8s.flag(x, "authorization-mode")
	"AlwaysAllow" in {trim_space(m) | some m in split(f.v, ",")}
	res := lib.result(r, f.ptr, sprintf("%s: %s authorizes every request (AlwaysAllow)", [r.name, program]))
}

# The API server defaults to AlwaysAllow without an authorization mode
# or configuration file.
deny contains res if {
	some [r, x] in k8s.control_containers("kube-apiserver")
	not k8s.has_flag(x, "authorization-mode")
	not k8s.has_flag(x, "authorization-config")
	res := lib.result(r, k8s.cmd_ptr(x), sprintf("%s: kube-apiserver has no --authorization-mode and defaults to AlwaysAllow", [r.name]))
}

deny contains res if {
	some r in k8s.kubelet_configs
	r.config.authorization.mode == "AlwaysAllow"
	res := lib.result(r, "/authorization/mode", sprintf("%s authorizes every kubelet API request (AlwaysAllow)", [r.name]))
}
