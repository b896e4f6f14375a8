# METADATA
# title: Kubernetes container runs privileged
# description: |
#   A privileged container gets every capability and access to all host
#   devices, with no seccomp or AppArmor confinement; it is root on the node.
#   Anyone who compromises it can take over the node and, from there, the
#   other workloads and credentials on it.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: tf-k8s-privileged-container
#   severity: high
#   kind: terraform
#   resources: [kubernetes_pod, kubernetes_pod_v1, kubernetes_deployment, kubernetes_deployment_v1, kubernetes_stateful_set, kubernetes_stateful_set_v1, kubernetes_daemonset, kubernetes_daemon_set_v1, kubernetes_job, kubernetes_job_v1, kubernetes_cron_job, kubernetes_cron_job_v1, kubernetes_replication_controller, kubernetes_replication_controller_v1]
#   cwe: [CWE-250]
#   remediation: Remove privileged = true and grant only the specific capabilities the container needs.
#   related:
#     checkov: [CKV_K8S_16]
package ward.checks.tf_k8s_privileged_container

import rego.v1

import data.ward.lib
import data.ward.lib.tf_general

deny contains res if {
	some x in tf_general.containers
	some i, sc in lib.blocks(x.c, "security_context")
	lib.is_true(sc.privileged)
	ptr := sprintf("%s/security_context/%d/privileged", [x.ptr, i])
	res := lib.result(x.r, ptr, sprintf("%s container %s runs privileged", [x.r.name, tf_general.container_name(x.c)]))
}
