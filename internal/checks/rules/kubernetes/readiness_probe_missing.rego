# METADATA
# title: Container has no readiness probe
# description: |
#   Without a readiness probe a pod receives Service traffic as soon as its
#   containers start, before the application can answer, and keeps receiving
#   it when the application can no longer serve; clients see errors during
#   rollouts and overloads.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: k8s-readiness-probe-missing
#   severity: info
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, PodTemplate]
#   cwe: [CWE-754]
#   remediation: Add a readinessProbe checking that the application can serve requests.
#   related:
#     checkov: [CKV_K8S_9]
package ward.checks.k8s_readiness_probe_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	not k8s.batch(r)
	some x in k8s.app_containers(r)
	lib.missing(x.c, "readinessProbe")
	res := lib.result(r, x.ptr, sprintf("%s: container %s has no readiness probe", [r.name, k8s.name_of(x)]))
}
