# METADATA
# title: Container may gain more privileges than its parent process
# description: |
#   Unless allowPrivilegeEscalation is false, the container runs without the
#   no_new_privs flag, so a setuid binary or file capability inside the image
#   can raise a compromised process's privileges. The Pod Security Standards
#   (restricted) require it to be set to false explicitly.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-allow-privilege-escalation
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-269]
#   remediation: Set securityContext.allowPrivilegeEscalation to false on every container.
#   related:
#     checkov: [CKV_K8S_20]
#     trivy: [AVD-KSV-0001]
package ward.checks.k8s_allow_privilege_escalation

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	k8s.linux(r)
	lib.is_true(x.c.securityContext.allowPrivilegeEscalation)
	res := lib.result(r, sprintf("%s/securityContext/allowPrivilegeEscalation", [x.ptr]), sprintf("%s: container %s allows privilege escalation", [r.name, k8s.name_of(x)]))
}

deny contains res if {
	some [r, x] in k8s.all_containers
	k8s.linux(r)
	lib.missing(object.get(x.c, "securityContext", {}), "allowPrivilegeEscalation")
	ptr := k8s.deepest(x.c, x.ptr, ["securityContext", "allowPrivilegeEscalation"])
	res := lib.result(r, ptr, sprintf("%s: container %s does not set allowPrivilegeEscalation to false", [r.name, k8s.name_of(x)]))
}
