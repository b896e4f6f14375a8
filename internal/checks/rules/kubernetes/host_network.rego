# METADATA
# title: Pod uses the host's network namespace
# description: |
#   hostNetwork: true gives the pod the node's network stack: it can bind to
#   and sniff the node's interfaces, reach services listening on the node's
#   localhost (kubelet, node agents), and its traffic escapes NetworkPolicies
#   that select pod IPs.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-host-network
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-653]
#   remediation: Remove hostNetwork from the pod spec (or set it to false).
#   related:
#     checkov: [CKV_K8S_19]
#     trivy: [AVD-KSV-0009]
package ward.checks.k8s_host_network

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	lib.is_true(k8s.pod_spec(r).hostNetwork)
	res := lib.result(r, sprintf("%s/hostNetwork", [k8s.pod_ptr(r)]), sprintf("%s: the pod sets hostNetwork: true", [r.name]))
}
