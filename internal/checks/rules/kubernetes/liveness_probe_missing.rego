# METADATA
# title: Container has no liveness probe
# description: |
#   Without a liveness probe the kubelet restarts a container only when its
#   process exits; a deadlocked or hung process keeps its pod in service
#   indefinitely. Define one that fails only when a restart would help, or it
#   can cause cascading restarts.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
# custom:
#   id: k8s-liveness-probe-missing
#   severity: info
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, PodTemplate]
#   cwe: [CWE-754]
#   remediation: Add a livenessProbe (httpGet, tcpSocket, grpc or exec) checking that the process still makes progress, with thresholds that tolerate slow moments.
#   related:
#     kics: [ade74944-a674-4e00-859e-c6eab5bde441]
#     checkov: [CKV_K8S_8]
package ward.checks.k8s_liveness_probe_missing

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	not k8s.batch(r)
	some x in k8s.app_containers(r)
	lib.missing(x.c, "livenessProbe")
	res := lib.result(r, x.ptr, sprintf("%s: container %s has no liveness probe", [r.name, k8s.name_of(x)]))
}
