# METADATA
# title: Kubernetes container adds the SYS_ADMIN capability
# description: |
#   CAP_SYS_ADMIN covers mounting file systems, namespace operations and
#   many other administrative system calls; it is close to full root on the
#   node. A container holding it can usually escape to the host, so one
#   compromised process becomes a compromised node.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
#   - https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/pod_v1#capabilities
# custom:
#   id: tf-k8s-container-sys-admin
#   severity: high
#   kind: terraform
#   resources: [kubernetes_pod, kubernetes_pod_v1, kubernetes_deployment, kubernetes_deployment_v1, kubernetes_stateful_set, kubernetes_stateful_set_v1, kubernetes_daemonset, kubernetes_daemon_set_v1, kubernetes_job, kubernetes_job_v1, kubernetes_cron_job, kubernetes_cron_job_v1, kubernetes_replication_controller, kubernetes_replication_controller_v1]
#   cwe: [CWE-250]
#   remediation: Remove SYS_ADMIN from security_context.capabilities.add and drop all capabilities the container does not need (drop = ["ALL"]).
#   related:
#     kics: [3f55386d-75cd-4e9a-ac47-167b26c04724]
#     checkov: [CKV_K8S_39]
package ward.checks.tf_k8s_container_sys_admin

import rego.v1

import data.ward.lib
import data.ward.lib.tf_general

deny contains res if {
	some x in tf_general.containers
	some i, sc in lib.blocks(x.c, "security_context")
	some j, caps in lib.blocks(sc, "capabilities")
	some k, cap in lib.as_list(object.get(caps, "add", []))
	is_string(cap)
	upper(cap) in {"SYS_ADMIN", "CAP_SYS_ADMIN"}
	ptr := sprintf("%s/security_context/%d/capabilities/%d/add/%d", [x.ptr, i, j, k])
	res := lib.result(x.r, ptr, sprintf("%s container %s adds %s", [x.r.name, tf_general.container_name(x.c), cap]))
}
