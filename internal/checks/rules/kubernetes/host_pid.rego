# METADATA
# title: Pod shares the host's process namespace
# description: |
#   hostPID: true puts the pod in the node's process namespace: its
#   containers see every process on the node, can read their environment and
#   command lines, and with ptrace or kill capabilities can tamper with them,
#   including the kubelet and other pods' processes.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-host-pid
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-653]
#   remediation: Remove hostPID from the pod spec (or set it to false).
#   related:
#     checkov: [CKV_K8S_17]
#     trivy: [AVD-KSV-0010]
package ward.checks.k8s_host_pid

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	lib.is_true(k8s.pod_spec(r).hostPID)
	res := lib.result(r, sprintf("%s/hostPID", [k8s.pod_ptr(r)]), sprintf("%s: the pod sets hostPID: true", [r.name]))
}
