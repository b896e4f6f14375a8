# METADATA
# title: Container root filesystem is writable
# description: |
#   Without readOnlyRootFilesystem: true an attacker who gets code execution
#   in the container can modify its binaries and configuration, drop tools
#   and persist until the container is replaced. A read-only root filesystem
#   with explicit writable volumes for state keeps the image immutable.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
# custom:
#   id: k8s-root-filesystem-writable
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-732]
#   remediation: Set securityContext.readOnlyRootFilesystem to true and mount emptyDir volumes at the paths the application writes to.
#   related:
#     kics: [a9c2f49d-0671-4fc9-9ece-f4e261e128d0]
#     checkov: [CKV_K8S_22]
#     trivy: [AVD-KSV-0014]
package ward.checks.k8s_root_filesystem_writable

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	x.kind != "ephemeralContainers"
	sc := object.get(x.c, "securityContext", {})
	lib.false_or_missing(sc, "readOnlyRootFilesystem")
	ptr := k8s.deepest(x.c, x.ptr, ["securityContext", "readOnlyRootFilesystem"])
	res := lib.result(r, ptr, sprintf("%s: container %s has a writable root filesystem", [r.name, k8s.name_of(x)]))
}
