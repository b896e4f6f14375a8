# METADATA
# title: Pod shares the host's IPC namespace
# description: |
#   hostIPC: true puts the pod in the node's IPC namespace, so its containers
#   can read and write the shared memory segments and message queues of every
#   process on the node, including other pods that share the host IPC
#   namespace.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-host-ipc
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-653]
#   remediation: Remove hostIPC from the pod spec (or set it to false).
#   related:
#     checkov: [CKV_K8S_18]
#     trivy: [AVD-KSV-0008]
package ward.checks.k8s_host_ipc

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	lib.is_true(k8s.pod_spec(r).hostIPC)
	res := lib.result(r, sprintf("%s/hostIPC", [k8s.pod_ptr(r)]), sprintf("%s: the pod sets hostIPC: true", [r.name]))
}
