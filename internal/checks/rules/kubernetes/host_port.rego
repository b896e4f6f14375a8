# METADATA
# title: Container port is bound to a port of the node
# description: |
#   A hostPort publishes the container on the node's own IP address, outside
#   Services and often outside NetworkPolicies. It exposes the workload to
#   everything that can reach the node, ties the pod to nodes where the port
#   is free, and is disallowed by the Pod Security Standards (baseline).
# related_resources:
#   - https://kubernetes.io/docs/concepts/configuration/overview/#services
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-host-port
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-284]
#   remediation: Remove hostPort and expose the container through a Service (ClusterIP, or a LoadBalancer or Ingress where it must be reachable from outside).
#   related:
#     kics: [2b1836f1-dcce-416e-8e16-da8c71920633]
#     checkov: [CKV_K8S_26]
#     trivy: [AVD-KSV-0024]
package ward.checks.k8s_host_port

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	some i, p in lib.as_list(object.get(x.c, "ports", []))
	hp := p.hostPort
	hp != 0
	hp != null
	res := lib.result(r, sprintf("%s/ports/%d", [x.ptr, i]), sprintf("%s: container %s binds port %v of the node", [r.name, k8s.name_of(x), hp]))
}
