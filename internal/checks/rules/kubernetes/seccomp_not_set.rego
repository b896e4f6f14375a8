# METADATA
# title: Container runs without a seccomp profile
# description: |
#   Unless the pod or container sets a seccomp profile, most runtimes run it
#   Unconfined, with the whole system call interface of the kernel exposed
#   to a compromised process. The Pod Security Standards (restricted) require
#   RuntimeDefault or a Localhost profile.
# related_resources:
#   - https://kubernetes.io/docs/tutorials/security/seccomp/
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-seccomp-not-set
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-693]
#   remediation: Set securityContext.seccompProfile.type to RuntimeDefault in the pod spec.
#   related:
#     trivy: [AVD-KSV-0030]
package ward.checks.k8s_seccomp_not_set

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	k8s.linux(r)
	not k8s.security_value(r, x, "seccompProfile")
	not annotated(r, x)
	ptr := k8s.deepest(x.c, x.ptr, ["securityContext", "seccompProfile"])
	res := lib.result(r, ptr, sprintf("%s: container %s has no seccomp profile", [r.name, k8s.name_of(x)]))
}

# annotated holds when a legacy seccomp annotation names a profile.
annotated(r, x) if {
	anns := object.get(r.config, array.concat(k8s.pod_meta_path(r), ["annotations"]), {})
	some k in {"seccomp.security.alpha.kubernetes.io/pod", sprintf("container.seccomp.security.alpha.kubernetes.io/%s", [k8s.name_of(x)])}
	is_string(anns[k])
}
