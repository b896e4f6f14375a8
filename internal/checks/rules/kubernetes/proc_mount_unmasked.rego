# METADATA
# title: Container's /proc is unmasked
# description: |
#   procMount: Unmasked turns off the masking and read-only paths the
#   runtime applies to /proc (kcore, sysrq-trigger, keys, ...), exposing
#   kernel interfaces that can leak host information or be used to escape.
#   The Pod Security Standards (baseline) require the Default proc mount.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-proc-mount-unmasked
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-200]
#   remediation: Remove securityContext.procMount or set it to Default.
#   related:
#     trivy: [AVD-KSV-0027]
package ward.checks.k8s_proc_mount_unmasked

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	pm := x.c.securityContext.procMount
	pm != "Default"
	is_string(pm)
	res := lib.result(r, sprintf("%s/securityContext/procMount", [x.ptr]), sprintf("%s: container %s sets procMount %s", [r.name, k8s.name_of(x), pm]))
}
