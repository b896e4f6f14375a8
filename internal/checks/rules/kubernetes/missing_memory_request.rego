# METADATA
# title: Container has no memory request
# description: |
#   The scheduler places pods by their requests. A container without a memory
#   request may be scheduled onto a node without room for it and is among the
#   first evicted under memory pressure.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-missing-memory-request
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-770]
#   remediation: Set resources.requests.memory to the memory the container needs in normal operation.
#   related:
#     checkov: [CKV_K8S_12]
#     trivy: [AVD-KSV-0016]
package ward.checks.k8s_missing_memory_request

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	x.kind != "ephemeralContainers"
	lib.missing(object.get(x.c, ["resources", "requests"], {}), "memory")
	ptr := k8s.deepest(x.c, x.ptr, ["resources", "requests", "memory"])
	res := lib.result(r, ptr, sprintf("%s: container %s has no memory request", [r.name, k8s.name_of(x)]))
}
