# METADATA
# title: Container adds capabilities beyond the baseline set
# description: |
#   The Pod Security Standards (baseline) allow a container to add only
#   capabilities from the runtime's default set. Others, such as SYS_PTRACE,
#   SYS_MODULE, NET_ADMIN, DAC_READ_SEARCH, BPF or ALL, let a compromised
#   process read other processes' memory, load kernel code or reconfigure the
#   node's network.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - https://man7.org/linux/man-pages/man7/capabilities.7.html
# custom:
#   id: k8s-added-capabilities
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Remove the capability from securityContext.capabilities.add, or run the task that needs it in a separate, tightly scoped workload.
#   related:
#     trivy: [AVD-KSV-0022]
package ward.checks.k8s_added_capabilities

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# baseline are the capabilities the Pod Security Standards baseline
# allows to add; SYS_ADMIN and NET_RAW have checks of their own.
baseline := {
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
	"SYS_ADMIN", "NET_RAW",
}

deny contains res if {
	some [r, x] in k8s.all_containers
	some a in k8s.caps(x, "add")
	not a.v in baseline
	res := lib.result(r, a.ptr, sprintf("%s: container %s adds capability %s", [r.name, k8s.name_of(x), a.v]))
}
