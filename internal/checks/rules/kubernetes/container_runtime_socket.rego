# METADATA
# title: Pod mounts the container runtime socket
# description: |
#   The Docker, containerd or CRI-O socket controls every container on the
#   node. A pod that can reach it can start a privileged container with the
#   host's root filesystem mounted, which is root on the node and access to
#   every other pod's secrets.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
# custom:
#   id: k8s-container-runtime-socket
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-668]
#   remediation: Do not mount the runtime socket; build images with rootless tools (BuildKit rootless, kaniko) and read node metadata through the Kubernetes API instead.
#   related:
#     kics: [a6f34658-fdfb-4154-9536-56d516f65828]
#     checkov: [CKV_K8S_27]
#     trivy: [AVD-KSV-0006]
package ward.checks.k8s_container_runtime_socket

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# sockets are the runtime sockets and the directories that hold them.
sockets := {
	"/var/run/docker.sock", "/run/docker.sock", "/var/run/docker",
	"/run/containerd/containerd.sock", "/var/run/containerd/containerd.sock",
	"/run/containerd", "/var/run/containerd",
	"/var/run/crio/crio.sock", "/run/crio/crio.sock", "/var/run/crio", "/run/crio",
	"/var/run/cri-dockerd.sock", "/run/cri-dockerd.sock",
	"/var/run", "/run",
}

deny contains res if {
	some r in k8s.workloads
	some h in k8s.host_paths(r)
	k8s.clean_path(h.path) in sockets
	res := lib.result(r, h.ptr, sprintf("%s: hostPath %s exposes the container runtime socket", [r.name, h.path]))
}
