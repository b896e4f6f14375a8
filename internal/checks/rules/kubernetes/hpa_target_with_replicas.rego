# METADATA
# title: Autoscaled workload also sets a replica count
# description: |
#   The HorizontalPodAutoscaler owns the replica count of its target. A
#   replicas field in the manifest resets the workload to that number on
#   every apply, undoing the autoscaler's scaling (a scale-down under load)
#   until it reacts again.
# related_resources:
#   - https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling
# custom:
#   id: k8s-hpa-target-with-replicas
#   severity: info
#   kind: kubernetes
#   resources: [Deployment, StatefulSet, ReplicaSet, HorizontalPodAutoscaler]
#   cwe: [CWE-400]
#   remediation: Remove spec.replicas from workloads an HPA scales and let the HPA's minReplicas set the floor.
#   related:
#     kics: [5744cbb8-5946-4b75-a196-ade44449525b]
package ward.checks.k8s_hpa_target_with_replicas

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some hpa in lib.resources("HorizontalPodAutoscaler")
	ref := hpa.config.spec.scaleTargetRef
	some r in lib.resources_of({"Deployment", "StatefulSet", "ReplicaSet"})
	r.type == ref.kind
	object.get(r.config, ["metadata", "name"], "") == ref.name
	k8s.namespace(r) == k8s.namespace(hpa)
	lib.has(r.config.spec, "replicas")
	res := lib.result(r, "/spec/replicas", sprintf("%s sets replicas although %s scales it", [r.name, hpa.name]))
}
