# METADATA
# title: Pod sets custom SELinux options
# description: |
#   Setting an SELinux user or role, or a type other than the container
#   types, changes the label the container process runs with; a type such as
#   spc_t or unconfined_t removes SELinux confinement from the container. The
#   Pod Security Standards (baseline) allow only the container types.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-selinux-custom-options
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-693]
#   remediation: Remove seLinuxOptions user and role, and use type container_t (or leave type unset); set only the level when MCS categories are needed.
#   related:
#     trivy: [AVD-KSV-0025]
package ward.checks.k8s_selinux_custom_options

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

allowed_types := {"container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

# contexts lists {"o": seLinuxOptions, "ptr"} of the pod and its containers.
contexts(r) := array.concat(
	[{"o": o, "ptr": sprintf("%s/securityContext/seLinuxOptions", [k8s.pod_ptr(r)])} |
		o := k8s.pod_spec(r).securityContext.seLinuxOptions
		is_object(o)
	],
	[{"o": o, "ptr": sprintf("%s/securityContext/seLinuxOptions", [x.ptr])} |
		some x in k8s.containers(r)
		o := x.c.securityContext.seLinuxOptions
		is_object(o)
	],
)

deny contains res if {
	some r in k8s.workloads
	some s in contexts(r)
	t := s.o.type
	is_string(t)
	t != ""
	not t in allowed_types
	res := lib.result(r, sprintf("%s/type", [s.ptr]), sprintf("%s: SELinux type %s is not a container type", [r.name, t]))
}

deny contains res if {
	some r in k8s.workloads
	some s in contexts(r)
	some k in ["user", "role"]
	v := s.o[k]
	is_string(v)
	v != ""
	res := lib.result(r, sprintf("%s/%s", [s.ptr, k]), sprintf("%s: SELinux %s is set to %s", [r.name, k, v]))
}
