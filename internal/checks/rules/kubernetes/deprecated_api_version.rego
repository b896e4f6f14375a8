# METADATA
# title: Object uses a deprecated or removed API version
# description: |
#   The apiVersion was deprecated and has been removed from current
#   Kubernetes releases. The API server rejects the manifest after an
#   upgrade (failing deployments at the worst moment), and several removed
#   versions had weaker defaults than their replacements.
# related_resources:
#   - https://kubernetes.io/docs/reference/using-api/deprecation-guide/
# custom:
#   id: k8s-deprecated-api-version
#   severity: low
#   kind: kubernetes
#   resources: [Deployment, DaemonSet, StatefulSet, ReplicaSet, Ingress, CronJob, PodDisruptionBudget, PodSecurityPolicy, HorizontalPodAutoscaler, Role, ClusterRole, RoleBinding, ClusterRoleBinding, CustomResourceDefinition, NetworkPolicy]
#   cwe: [CWE-477]
#   remediation: Migrate the object to the replacement API version (kubectl convert helps) and adjust the fields that changed.
#   related:
#     kics: [94b76ea5-e074-4ca2-8a03-c5a606e30645]
package ward.checks.k8s_deprecated_api_version

import rego.v1

import data.ward.lib

# removed maps group versions to the release that removed them.
removed := {
	"extensions/v1beta1": "1.16 (1.22 for Ingress)",
	"apps/v1beta1": "1.16",
	"apps/v1beta2": "1.16",
	"networking.k8s.io/v1beta1": "1.22",
	"admissionregistration.k8s.io/v1beta1": "1.22",
	"apiextensions.k8s.io/v1beta1": "1.22",
	"apiregistration.k8s.io/v1beta1": "1.22",
	"authentication.k8s.io/v1beta1": "1.22",
	"authorization.k8s.io/v1beta1": "1.22",
	"certificates.k8s.io/v1beta1": "1.22",
	"coordination.k8s.io/v1beta1": "1.22",
	"rbac.authorization.k8s.io/v1alpha1": "1.22",
	"rbac.authorization.k8s.io/v1beta1": "1.22",
	"scheduling.k8s.io/v1alpha1": "1.17",
	"scheduling.k8s.io/v1beta1": "1.22",
	"batch/v1beta1": "1.25",
	"batch/v2alpha1": "1.21",
	"discovery.k8s.io/v1beta1": "1.25",
	"events.k8s.io/v1beta1": "1.25",
	"autoscaling/v2beta1": "1.25",
	"autoscaling/v2beta2": "1.26",
	"policy/v1beta1": "1.25",
	"node.k8s.io/v1beta1": "1.25",
	"flowcontrol.apiserver.k8s.io/v1beta1": "1.26",
	"flowcontrol.apiserver.k8s.io/v1beta2": "1.29",
	"flowcontrol.apiserver.k8s.io/v1beta3": "1.32",
}

# storage.k8s.io/v1beta1 is removed for these kinds only.
storage_removed := {"CSIDriver", "CSINode", "StorageClass", "VolumeAttachment", "CSIStorageCapacity"}

deny contains res if {
	some r in input.resources
	v := r.config.apiVersion
	release := removed[v]
	res := lib.result(r, "/apiVersion", sprintf("%s uses %s, removed in Kubernetes %s", [r.name, v, release]))
}

deny contains res if {
	some r in input.resources
	r.config.apiVersion == "storage.k8s.io/v1beta1"
	r.type in storage_removed
	res := lib.result(r, "/apiVersion", sprintf("%s uses storage.k8s.io/v1beta1, removed for %s", [r.name, r.type]))
}
