# METADATA
# title: Container adds the SYS_ADMIN capability
# description: |
#   CAP_SYS_ADMIN covers mounting filesystems, namespace operations, BPF and
#   many other administrative kernel interfaces; it is close to full root and
#   is the capability most container escapes rely on.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
#   - https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: k8s-sys-admin-capability
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Remove SYS_ADMIN from securityContext.capabilities.add; grant a narrower capability or move the privileged task out of the workload.
#   related:
#     kics: [235236ee-ad78-4065-bd29-61b061f28ce0]
#     checkov: [CKV_K8S_39]
#     trivy: [AVD-KSV-0005]
package ward.checks.k8s_sys_admin_capability

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	some a in k8s.caps(x, "add")
	a.v == "SYS_ADMIN"
	res := lib.result(r, a.ptr, sprintf("%s: container %s adds capability SYS_ADMIN", [r.name, k8s.name_of(x)]))
}
