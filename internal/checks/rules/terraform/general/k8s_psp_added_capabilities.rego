# METADATA
# title: Pod security policy lets pods add capabilities
# description: |
#   allowed_capabilities (and default_add_capabilities) let pods admitted by
#   the policy run with Linux capabilities beyond the runtime's default set,
#   widening what a compromised container can do on the node. PodSecurity
#   Policy was removed in Kubernetes 1.25, so such policies also need
#   replacing.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-policy/#capabilities
#   - https://kubernetes.io/docs/concepts/security/pod-security-admission/
# custom:
#   id: tf-k8s-psp-added-capabilities
#   severity: medium
#   kind: terraform
#   resources: [kubernetes_pod_security_policy, kubernetes_pod_security_policy_v1beta1]
#   cwe: [CWE-250]
#   remediation: Remove allowed_capabilities and default_add_capabilities (set required_drop_capabilities = ["ALL"]) and migrate to Pod Security Admission's restricted level.
#   related:
#     kics: [48388bd2-7201-4dcc-b56d-e8a9efa58fad]
package ward.checks.tf_k8s_psp_added_capabilities

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"kubernetes_pod_security_policy", "kubernetes_pod_security_policy_v1beta1"})
	some i, spec in lib.blocks(r.config, "spec")
	some attr in ["allowed_capabilities", "default_add_capabilities"]
	caps := spec[attr]
	is_array(caps)
	count(caps) > 0
	res := lib.result(r, sprintf("/spec/%d/%s", [i, attr]), sprintf("%s lets pods add capabilities %v", [r.name, caps]))
}
