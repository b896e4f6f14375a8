# METADATA
# title: Container has no CPU request
# description: |
#   The scheduler places pods by their requests. A container without a CPU
#   request may land on an overcommitted node and is the first to be starved
#   under contention, making its availability unpredictable.
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   id: k8s-missing-cpu-request
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-770]
#   remediation: Set resources.requests.cpu to the CPU the container needs in normal operation.
#   related:
#     checkov: [CKV_K8S_10]
#     trivy: [AVD-KSV-0015]
package ward.checks.k8s_missing_cpu_request

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	x.kind != "ephemeralContainers"
	lib.missing(object.get(x.c, ["resources", "requests"], {}), "cpu")
	ptr := k8s.deepest(x.c, x.ptr, ["resources", "requests", "cpu"])
	res := lib.result(r, ptr, sprintf("%s: container %s has no cpu request", [r.name, k8s.name_of(x)]))
}
