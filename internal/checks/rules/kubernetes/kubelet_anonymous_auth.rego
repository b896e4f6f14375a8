# METADATA
# title: Kubelet accepts anonymous requests
# description: |
#   With anonymous authentication on, requests to the kubelet API (port
#   10250) without credentials are served as system:anonymous. Combined with
#   a permissive authorization mode this exposes exec, logs and pod details
#   of every container on the node to anyone on the network.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/
# custom:
#   id: k8s-kubelet-anonymous-auth
#   severity: high
#   kind: kubernetes
#   resources: [Pod, KubeletConfiguration]
#   cwe: [CWE-306]
#   remediation: Set authentication.anonymous.enabled to false in the kubelet configuration (or pass --anonymous-auth=false).
package ward.checks.k8s_kubelet_anonymous_auth

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.kubelet_configs
	lib.is_true(r.config.authentication.anonymous.enabled)
	res := lib.result(r, "/authentication/anonymous/enabled", sprintf("%s enables anonymous kubelet requests", [r.name]))
}

deny contains res if {
	some [r, x] in k8s.control_containers("kubelet")
	some f in k8s.flag(x, "anonymous-auth")
	lib.is_true(f.v)
	res := lib.result(r, f.ptr, sprintf("%s: kubelet runs with --anonymous-auth=true", [r.name]))
}
