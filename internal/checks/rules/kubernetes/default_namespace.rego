# METADATA
# title: Object is deployed to the default namespace
# description: |
#   The default namespace is where everything without a namespace ends up.
#   Objects placed there share it with unrelated workloads, so RBAC,
#   NetworkPolicies, quotas and Pod Security levels cannot be scoped to the
#   application.
# related_resources:
#   - https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   id: k8s-default-namespace
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, Service, ConfigMap, Secret, Role, RoleBinding, ServiceAccount]
#   cwe: [CWE-653]
#   remediation: Create a namespace per application or team and set metadata.namespace to it.
#   related:
#     checkov: [CKV_K8S_21]
#     trivy: [AVD-KSV-0110]
package ward.checks.k8s_default_namespace

import rego.v1

import data.ward.lib

# cluster_scoped kinds ignore metadata.namespace.
cluster_scoped := {
	"Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding",
	"StorageClass", "CustomResourceDefinition", "PriorityClass", "IngressClass",
	"PodSecurityPolicy", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
	"ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService",
	"RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment", "CertificateSigningRequest",
}

deny contains res if {
	some r in input.resources
	not r.type in cluster_scoped
	trim_space(r.config.metadata.namespace) == "default"
	res := lib.result(r, "/metadata/namespace", sprintf("%s is placed in the default namespace", [r.name]))
}
