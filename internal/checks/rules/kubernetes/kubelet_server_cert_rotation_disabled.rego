# METADATA
# title: Kubelet serving certificate rotation is disabled
# description: |
#   With the RotateKubeletServerCertificate feature gate off, the kubelet
#   keeps serving its API with a long-lived certificate that is never renewed
#   through the cluster CA; a stolen key stays valid until it expires, and
#   expiry itself causes outages.
# related_resources:
#   - https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation
# custom:
#   id: k8s-kubelet-server-cert-rotation-disabled
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, KubeletConfiguration]
#   cwe: [CWE-324]
#   remediation: Remove RotateKubeletServerCertificate=false from --feature-gates and featureGates, and enable serverTLSBootstrap so the kubelet requests and renews its serving certificate.
#   related:
#     kics: [1c621b8e-2c6a-44f5-bd6a-fb0fb7ba33e2]
package ward.checks.k8s_kubelet_server_cert_rotation_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.kubelet_configs
	lib.is_false(r.config.featureGates.RotateKubeletServerCertificate)
	res := lib.result(r, "/featureGates/RotateKubeletServerCertificate", sprintf("%s disables the RotateKubeletServerCertificate feature gate", [r.name]))
}

deny contains res if {
	some program in ["kubelet", "kube-controller-manager"]
	some [r, x] in k8s.control_containers(program)
	some g in k8s.feature_gate(x, "RotateKubeletServerCertificate")
	lib.is_false(g.v)
	res := lib.result(r, g.ptr, sprintf("%s: %s disables the RotateKubeletServerCertificate feature gate", [r.name, program]))
}
