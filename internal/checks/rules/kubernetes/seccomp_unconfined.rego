# METADATA
# title: Seccomp is disabled for a container
# description: |
#   A seccomp profile of Unconfined lets the container make every system
#   call, including rarely needed ones (keyctl, unshare, bpf, ...) behind
#   many kernel privilege escalations. The runtime's default profile blocks
#   them at no cost to ordinary applications.
# related_resources:
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-seccomp-unconfined
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-693]
#   remediation: Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile) and remove Unconfined settings and annotations.
package ward.checks.k8s_seccomp_unconfined

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# Pod-level profile.
deny contains res if {
	some r in k8s.workloads
	k8s.pod_spec(r).securityContext.seccompProfile.type == "Unconfined"
	ptr := sprintf("%s/securityContext/seccompProfile/type", [k8s.pod_ptr(r)])
	res := lib.result(r, ptr, sprintf("%s: the pod's seccomp profile is Unconfined", [r.name]))
}

# Container-level profile.
deny contains res if {
	some [r, x] in k8s.all_containers
	x.c.securityContext.seccompProfile.type == "Unconfined"
	ptr := sprintf("%s/securityContext/seccompProfile/type", [x.ptr])
	res := lib.result(r, ptr, sprintf("%s: container %s has seccomp profile Unconfined", [r.name, k8s.name_of(x)]))
}

# Legacy annotations on the pod (template).
deny contains res if {
	some r in k8s.workloads
	meta := k8s.pod_meta_path(r)
	some k, v in object.get(r.config, array.concat(meta, ["annotations"]), {})
	is_string(v)
	lower(v) == "unconfined"
	annotation(k)
	ptr := concat("/", array.concat(array.concat([""], meta), ["annotations", k8s.esc(k)]))
	res := lib.result(r, ptr, sprintf("%s: annotation %s disables seccomp", [r.name, k]))
}

annotation(k) if k == "seccomp.security.alpha.kubernetes.io/pod"

annotation(k) if startswith(k, "container.seccomp.security.alpha.kubernetes.io/")
