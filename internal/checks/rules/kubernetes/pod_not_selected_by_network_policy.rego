# METADATA
# title: Pod is not selected by any NetworkPolicy of its namespace
# description: |
#   The manifest defines NetworkPolicies for the namespace, but none selects
#   this workload's pods. Pods no policy selects are not isolated: they
#   accept traffic from, and send traffic to, anything in the cluster,
#   which is usually an oversight in a namespace that is otherwise locked
#   down.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
# custom:
#   id: k8s-pod-not-selected-by-network-policy
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, NetworkPolicy]
#   cwe: [CWE-923]
#   remediation: Add a default-deny NetworkPolicy (podSelector {}) for the namespace, or extend a policy's podSelector to the workload's labels and allow only the traffic it needs.
#   related:
#     kics: [0401f71b-9c1e-4821-ab15-a955caa621be]
package ward.checks.k8s_pod_not_selected_by_network_policy

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

policies(ns) := [p |
	some p in lib.resources("NetworkPolicy")
	k8s.namespace(p) == ns
]

deny contains res if {
	some w in k8s.workloads
	w.type != "PodTemplate"
	ps := policies(k8s.namespace(w))
	count(ps) > 0
	labels := k8s.pod_labels(w)
	not selected(ps, labels)
	res := lib.result(w, "/metadata/name", sprintf("%s: no NetworkPolicy of namespace %s selects its pods", [w.name, k8s.namespace(w)]))
}

selected(ps, labels) if {
	some p in ps
	k8s.label_selector_matches(object.get(p.config, ["spec", "podSelector"], null), labels)
}
