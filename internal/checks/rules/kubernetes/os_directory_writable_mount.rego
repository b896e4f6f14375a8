# METADATA
# title: Volume mounted writable over a system directory
# description: |
#   A volume mounted at a system directory of the container (/bin, /etc,
#   /usr, /var, ...) replaces the image's files there. Writable, it lets a
#   compromised process (or any other pod sharing the volume) plant binaries
#   and configuration that persist across restarts; a read-only mount that is
#   not recursively read-only still leaves the mounts below it writable.
# related_resources:
#   - https://kubernetes.io/docs/concepts/storage/volumes/#read-only-mounts
# custom:
#   id: k8s-os-directory-writable-mount
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-732]
#   remediation: Mount the volume at an application directory instead, or set readOnly to true and recursiveReadOnly to Enabled (or IfPossible).
#   related:
#     kics: [b7652612-de4e-4466-a0bf-1cd81f0c6063]
package ward.checks.k8s_os_directory_writable_mount

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

os_dirs := {
	"/", "/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32",
	"/proc", "/root", "/sbin", "/sys", "/usr", "/usr/bin", "/usr/sbin", "/usr/lib",
	"/usr/lib64", "/usr/local/bin", "/usr/local/sbin", "/var", "/var/lib",
}

deny contains res if {
	some [r, x] in k8s.all_containers
	some i, m in lib.as_list(object.get(x.c, "volumeMounts", []))
	is_string(m.mountPath)
	k8s.clean_path(m.mountPath) in os_dirs
	why := writable(m)
	res := lib.result(r, sprintf("%s/volumeMounts/%d/mountPath", [x.ptr, i]), sprintf("%s: container %s mounts volume %v at %s %s", [r.name, k8s.name_of(x), object.get(m, "name", ""), m.mountPath, why]))
}

writable(m) := "writable" if {
	lib.false_or_missing(m, "readOnly")
} else := "read-only but not recursively" if {
	lib.is_true(m.readOnly)
	not object.get(m, "recursiveReadOnly", "Disabled") in {"Enabled", "IfPossible"}
}
