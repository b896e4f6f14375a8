# METADATA
# title: Pod mounts a directory of the node (hostPath)
# description: |
#   A hostPath volume exposes part of the node's filesystem to the pod. With
#   write access a container can plant files the node or other pods execute;
#   even read access can leak credentials (kubelet certificates, other pods'
#   volumes, logs). The Pod Security Standards (baseline) forbid hostPath.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-host-path-volume
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-668]
#   remediation: Replace the hostPath volume with an emptyDir, configMap, secret or persistent volume; if a node agent truly needs it, mount the narrowest path read-only.
#   related:
#     trivy: [AVD-KSV-0023]
package ward.checks.k8s_host_path_volume

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.workloads
	some v in k8s.volumes(r)
	v.v.hostPath
	res := lib.result(r, sprintf("%s/hostPath", [v.ptr]), sprintf("%s: volume %v mounts host path %v", [r.name, object.get(v.v, "name", ""), object.get(v.v.hostPath, "path", "")]))
}
