# METADATA
# title: Replicated workload has no PodDisruptionBudget
# description: |
#   Without a PodDisruptionBudget, voluntary disruptions (node drains during
#   upgrades, autoscaler scale-downs) may evict all replicas of the
#   Deployment or StatefulSet at once, taking the application down even
#   though it runs several replicas.
# related_resources:
#   - https://kubernetes.io/docs/tasks/run-application/configure-pdb/
# custom:
#   id: k8s-workload-without-pod-disruption-budget
#   severity: low
#   kind: kubernetes
#   resources: [Deployment, StatefulSet, PodDisruptionBudget]
#   cwe: [CWE-400]
#   remediation: Add a PodDisruptionBudget whose selector matches the workload's pods, with minAvailable or maxUnavailable suited to its replica count.
#   related:
#     kics: [b23e9b98-0cb6-4fc9-b257-1f3270442678, 1db3a5a5-bf75-44e5-9e44-c56cfc8b1ac5]
package ward.checks.k8s_workload_without_pod_disruption_budget

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in lib.resources_of({"Deployment", "StatefulSet"})
	replicas := r.config.spec.replicas
	is_number(replicas)
	replicas > 1
	k8s.valid_selector(r)
	not covered(r)
	res := lib.result(r, "/spec/selector/matchLabels", sprintf("%s runs %d replicas without a PodDisruptionBudget", [r.name, replicas]))
}

covered(r) if {
	some pdb in lib.resources("PodDisruptionBudget")
	k8s.namespace(pdb) == k8s.namespace(r)
	selects(pdb, k8s.pod_labels(r))
}

# In policy/v1 an empty selector selects every pod of the namespace; in
# policy/v1beta1 it selects none.
selects(pdb, labels) if {
	sel := pdb.config.spec.selector
	is_object(sel)
	count(sel) > 0
	k8s.label_selector_matches(sel, labels)
}

selects(pdb, _) if {
	pdb.config.apiVersion == "policy/v1"
	pdb.config.spec.selector == {}
}
