# METADATA
# title: Container runs in privileged mode
# description: |
#   A privileged container gets every Linux capability and access to all host
#   devices, and runs without the seccomp, AppArmor and cgroup device limits
#   of an ordinary container. Anyone who controls its process can load kernel
#   modules or mount the host's disks, which amounts to root on the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-privileged-container
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Remove securityContext.privileged or set it to false; grant only the specific capabilities the process needs.
#   related:
#     kics: [dd29336b-fe57-445b-a26e-e6aa867ae609]
#     checkov: [CKV_K8S_16]
#     trivy: [AVD-KSV-0017]
package ward.checks.k8s_privileged_container

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	lib.is_true(x.c.securityContext.privileged)
	res := lib.result(r, sprintf("%s/securityContext/privileged", [x.ptr]), sprintf("%s: container %s runs privileged", [r.name, k8s.name_of(x)]))
}
