# METADATA
# title: Container has no CPU limit
# description: |
#   Without a CPU limit a container can use every CPU of its node, slowing or
#   starving the other pods there (a busy loop or a crypto-miner after a
#   compromise is enough). Limits also make a workload's cost predictable.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-missing-cpu-limit
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-770]
#   remediation: Set resources.limits.cpu to the most the container should use.
#   related:
#     checkov: [CKV_K8S_11]
#     trivy: [AVD-KSV-0011]
package ward.checks.k8s_missing_cpu_limit

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	x.kind != "ephemeralContainers"
	lib.missing(object.get(x.c, ["resources", "limits"], {}), "cpu")
	ptr := k8s.deepest(x.c, x.ptr, ["resources", "limits", "cpu"])
	res := lib.result(r, ptr, sprintf("%s: container %s has no cpu limit", [r.name, k8s.name_of(x)]))
}
