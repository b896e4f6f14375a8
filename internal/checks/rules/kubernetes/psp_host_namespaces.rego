# METADATA
# title: PodSecurityPolicy admits pods sharing host namespaces
# description: |
#   hostPID, hostIPC or hostNetwork set to true in a PodSecurityPolicy lets
#   pods join the node's process, IPC or network namespace: see and signal
#   the node's processes, read shared memory, or sniff and reach the node's
#   network interfaces and local services.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-policy/#host-namespaces
# custom:
#   id: k8s-psp-host-namespaces
#   severity: high
#   kind: kubernetes
#   resources: [PodSecurityPolicy]
#   cwe: [CWE-653]
#   remediation: Set hostPID, hostIPC and hostNetwork to false (or remove them) in the policy.
#   related:
#     kics: [91dacd0e-d189-4a9c-8272-5999a3cc32d9]
package ward.checks.k8s_psp_host_namespaces

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("PodSecurityPolicy")
	some k in ["hostPID", "hostIPC", "hostNetwork"]
	lib.is_true(r.config.spec[k])
	res := lib.result(r, sprintf("/spec/%s", [k]), sprintf("%s admits pods with %s", [r.name, k]))
}
