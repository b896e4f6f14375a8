# METADATA
# title: Service mounts the Docker socket
# description: |
#   The service mounts the Docker daemon's socket. Whoever controls the
#   container can then ask the daemon to start a privileged container that
#   mounts the host's root file system: access to the socket is root on the
#   host, even when mounted read-only.
# related_resources:
#   - https://docs.docker.com/engine/security/#docker-daemon-attack-surface
#   - https://docs.docker.com/reference/compose-file/services/#volumes
# custom:
#   id: compose-docker-socket-mounted
#   severity: high
#   kind: compose
#   resources: [service]
#   cwe: [CWE-250]
#   remediation: Do not mount the socket; if a tool needs the Docker API, put an authorising proxy that allows only the calls it needs in front of it, or use rootless Docker.
package ward.checks.compose_docker_socket_mounted

import rego.v1

import data.ward.lib
import data.ward.lib.compose

deny contains res if {
	some r in compose.services
	some v in compose.volumes(r)
	regex.match(`(^|/)(docker|containerd|podman|crio)\.sock$|^//\./pipe/docker_engine$`, v.source)
	res := lib.result(r, v.ptr, sprintf("service %s mounts the container runtime socket %s", [r.name, v.source]))
}
