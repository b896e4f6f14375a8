# METADATA
# title: Namespace of a workload has no ResourceQuota
# description: |
#   The manifest deploys pods or volume claims into a namespace but defines
#   no ResourceQuota for it. Without a quota nothing caps how many pods, how
#   much CPU and memory, or how much storage the namespace can claim, so a
#   runaway controller or a compromised deployer can exhaust the cluster.
# related_resources:
#   - https://kubernetes.io/docs/concepts/policy/resource-quotas/
# custom:
#   id: k8s-namespace-without-resource-quota
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, PersistentVolumeClaim, ResourceQuota]
#   cwe: [CWE-770]
#   remediation: Add a ResourceQuota for the namespace (next to the workloads or with the namespace's definition) limiting pods, CPU, memory and storage.
#   related:
#     kics: [48a5beba-e4c0-4584-a2aa-e6894e4cf424]
package ward.checks.k8s_namespace_without_resource_quota

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

quota_namespaces := {k8s.namespace(q) | some q in lib.resources("ResourceQuota")}

subjects := array.concat(k8s.workloads, lib.resources("PersistentVolumeClaim"))

deny contains res if {
	some r in subjects
	ns := k8s.namespace(r)
	not ns in quota_namespaces
	res := lib.result(r, k8s.meta_ptr(r), sprintf("%s: no ResourceQuota limits namespace %s", [r.name, ns]))
}
