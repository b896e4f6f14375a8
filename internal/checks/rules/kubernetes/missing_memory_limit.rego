# METADATA
# title: Container has no memory limit
# description: |
#   Without a memory limit a leaking or compromised container can consume the
#   node's memory until the kernel's OOM killer ends other pods or node
#   daemons. A limit confines the damage to the container itself.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-missing-memory-limit
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-770]
#   remediation: Set resources.limits.memory to the most the container should use.
#   related:
#     checkov: [CKV_K8S_13]
#     trivy: [AVD-KSV-0018]
package ward.checks.k8s_missing_memory_limit

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	x.kind != "ephemeralContainers"
	lib.missing(object.get(x.c, ["resources", "limits"], {}), "memory")
	ptr := k8s.deepest(x.c, x.ptr, ["resources", "limits", "memory"])
	res := lib.result(r, ptr, sprintf("%s: container %s has no memory limit", [r.name, k8s.name_of(x)]))
}
