# METADATA
# title: PodSecurityPolicy admits privileged pods
# description: |
#   privileged: true in a PodSecurityPolicy lets every user or service
#   account the policy is granted to run privileged containers, which have
#   full access to the node's devices and kernel.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-policy/
# custom:
#   id: k8s-psp-privileged
#   severity: high
#   kind: kubernetes
#   resources: [PodSecurityPolicy]
#   cwe: [CWE-250]
#   remediation: Set privileged to false in the policy (and migrate from PodSecurityPolicy, removed in Kubernetes 1.25, to Pod Security Admission).
#   related:
#     kics: [c48e57d3-d642-4e0b-90db-37f807b41b91]
package ward.checks.k8s_psp_privileged

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("PodSecurityPolicy")
	lib.is_true(r.config.spec.privileged)
	res := lib.result(r, "/spec/privileged", sprintf("%s admits privileged containers", [r.name]))
}
