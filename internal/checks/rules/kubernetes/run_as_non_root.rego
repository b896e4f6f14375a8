# METADATA
# title: Container may run as root
# description: |
#   Neither the container nor its pod sets runAsNonRoot: true or a non-zero
#   runAsUser, so the container runs as whatever user the image names, often
#   root. A root process that escapes the container through a kernel or
#   runtime flaw is root on the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-run-as-non-root
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Set securityContext.runAsNonRoot to true (pod or container level) and run the image as a non-root user, e.g. runAsUser 10001.
#   related:
#     checkov: [CKV_K8S_23]
#     trivy: [AVD-KSV-0012]
package ward.checks.k8s_run_as_non_root

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	k8s.linux(r)
	not non_root(r, x)
	not explicit_root(r, x)
	res := lib.result(r, ptr(r, x), sprintf("%s: container %s may run as root (runAsNonRoot is not true)", [r.name, k8s.name_of(x)]))
}

non_root(r, x) if lib.is_true(k8s.security_value(r, x, "runAsNonRoot"))

non_root(r, x) if {
	uid := k8s.security_value(r, x, "runAsUser")
	is_number(uid)
	uid > 0
}

explicit_root(r, x) if k8s.security_value(r, x, "runAsUser") == 0

ptr(r, x) := k8s.security_ptr(r, x, "runAsNonRoot") if {
	lib.is_false(k8s.security_value(r, x, "runAsNonRoot"))
} else := k8s.deepest(x.c, x.ptr, ["securityContext", "runAsNonRoot"])
