# METADATA
# title: Container does not drop all capabilities
# description: |
#   The runtime's default capability set (CHOWN, DAC_OVERRIDE, FOWNER,
#   SETUID, SETGID, NET_RAW, ...) is more than most applications need and
#   widens what an attacker can do after compromising the process. The Pod
#   Security Standards (restricted) require dropping ALL and adding back only
#   what is needed.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   id: k8s-capabilities-not-dropped
#   severity: low
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Set securityContext.capabilities.drop to ["ALL"] and list in capabilities.add only the capabilities the process needs (usually none, or NET_BIND_SERVICE).
#   related:
#     kics: [268ca686-7fb7-4ae9-b129-955a2a89064e]
#     trivy: [AVD-KSV-0003]
package ward.checks.k8s_capabilities_not_dropped

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	k8s.linux(r)
	not drops_all(x)
	res := lib.result(r, k8s.drop_ptr(x), sprintf("%s: container %s does not drop ALL capabilities", [r.name, k8s.name_of(x)]))
}

drops_all(x) if {
	some d in k8s.caps(x, "drop")
	d.v == "ALL"
}
