# METADATA
# title: AppArmor is disabled for a container
# description: |
#   An AppArmor profile of Unconfined removes the mandatory access control
#   the runtime's default profile applies on AppArmor nodes (no mounts, no
#   writes to /proc and /sys kernel interfaces), one of the layers that stops
#   a compromised container from reaching the host.
# related_resources:
#   - https://kubernetes.io/docs/tutorials/security/apparmor/
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-apparmor-unconfined
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-693]
#   remediation: Remove the Unconfined AppArmor setting, or set appArmorProfile.type to RuntimeDefault or a Localhost profile.
#   related:
#     trivy: [AVD-KSV-0002]
package ward.checks.k8s_apparmor_unconfined

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	k8s.pod_spec(r).securityContext.appArmorProfile.type == "Unconfined"
	ptr := sprintf("%s/securityContext/appArmorProfile/type", [k8s.pod_ptr(r)])
	res := lib.result(r, ptr, sprintf("%s: the pod's AppArmor profile is Unconfined", [r.name]))
}

deny contains res if {
	some [r, x] in k8s.all_containers
	x.c.securityContext.appArmorProfile.type == "Unconfined"
	ptr := sprintf("%s/securityContext/appArmorProfile/type", [x.ptr])
	res := lib.result(r, ptr, sprintf("%s: container %s has AppArmor profile Unconfined", [r.name, k8s.name_of(x)]))
}

deny contains res if {
	some r in k8s.workloads
	meta := k8s.pod_meta_path(r)
	some k, v in object.get(r.config, array.concat(meta, ["annotations"]), {})
	startswith(k, "container.apparmor.security.beta.kubernetes.io/")
	v == "unconfined"
	ptr := concat("/", array.concat(array.concat([""], meta), ["annotations", k8s.esc(k)]))
	res := lib.result(r, ptr, sprintf("%s: annotation %s disables AppArmor", [r.name, k]))
}
