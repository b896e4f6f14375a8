# METADATA
# title: Service mounts a sensitive host directory
# description: |
#   The service bind-mounts a host directory that holds the system's
#   configuration, credentials or kernel interfaces (/, /etc, /root, /proc,
#   /sys, /dev, /boot, /var/lib/docker, ~/.ssh, ...). A compromised container can read
#   host secrets such as /etc/shadow and SSH keys, or, when writable, change
#   the host's configuration and take it over.
# related_resources:
#   - https://docs.docker.com/engine/storage/bind-mounts/
# custom:
#   id: compose-sensitive-host-path
#   severity: high
#   kind: compose
#   resources: [service]
#   cwe: [CWE-668]
#   remediation: Mount only the application's own directories or named volumes; if a host file is really needed, mount that single file read-only.
package ward.checks.compose_sensitive_host_path

import rego.v1

import data.ward.lib
import data.ward.lib.compose

_exact := {
	"/", "/etc", "/root", "/proc", "/sys", "/dev", "/boot", "/lib", "/lib64", "/usr", "/bin", "/sbin",
	"/var", "/var/run", "/run", "/var/lib", "/var/lib/docker", "/var/lib/kubelet", "/var/lib/containerd",
	"/etc/kubernetes", "/home", "/var/log",
}

_prefixes := [
	"/proc/", "/sys/", "/boot/", "/root/", "/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/ssh",
	"/etc/kubernetes/", "/var/lib/docker/", "/var/lib/kubelet/",
	"/dev/mem", "/dev/kmem", "/dev/disk", "/dev/sd", "/dev/nvme",
	"~/.ssh", "~/.aws", "~/.kube", "~/.docker", "~/.gnupg", "~/.config/gcloud", "~/.azure",
]

deny contains res if {
	some r in compose.services
	some v in compose.volumes(r)
	v.type == "bind"
	path := _normal(v.source)
	_sensitive(path)
	not regex.match(`(^|/)(docker|containerd|podman|crio)\.sock$`, path)
	res := lib.result(r, v.ptr, sprintf("service %s mounts host path %s", [r.name, v.source]))
}

_normal(p) := "/" if p == "/"

else := trim_suffix(p, "/")

_sensitive(p) if p in _exact

_sensitive(p) if {
	some pre in _prefixes
	startswith(p, pre)
}
