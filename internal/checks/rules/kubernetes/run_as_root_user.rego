# METADATA
# title: Container is set to run as user ID 0
# description: |
#   runAsUser: 0 makes the container's process root, overriding a non-root
#   USER in the image. Root in a container keeps many capabilities and file
#   ownership of the container's filesystem, and a container escape then
#   lands as root on the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-run-as-root-user
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Set runAsUser to a non-zero UID (e.g. 10001) or remove it and set runAsNonRoot to true.
#   related:
#     trivy: [AVD-KSV-0105]
package ward.checks.k8s_run_as_root_user

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# Set on the container.
deny contains res if {
	some [r, x] in k8s.all_containers
	x.c.securityContext.runAsUser == 0
	res := lib.result(r, sprintf("%s/securityContext/runAsUser", [x.ptr]), sprintf("%s: container %s runs as UID 0", [r.name, k8s.name_of(x)]))
}

# Set on the pod and inherited by at least one container.
deny contains res if {
	some r in k8s.workloads
	k8s.pod_spec(r).securityContext.runAsUser == 0
	some x in k8s.containers(r)
	lib.missing(object.get(x.c, "securityContext", {}), "runAsUser")
	res := lib.result(r, sprintf("%s/securityContext/runAsUser", [k8s.pod_ptr(r)]), sprintf("%s: the pod runs its containers as UID 0", [r.name]))
}
