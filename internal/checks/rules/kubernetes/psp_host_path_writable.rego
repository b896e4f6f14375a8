# METADATA
# title: PodSecurityPolicy allows writable host paths
# description: |
#   Without allowedHostPaths every host path may be mounted, and an entry
#   without readOnly: true allows writable mounts below its prefix. A pod
#   that can write to the node's filesystem can plant binaries, cron jobs or
#   kubelet configuration and take over the node.
# related_resources:
#   - https://kubernetes.io/docs/concepts/security/pod-security-policy/#volumes-and-file-systems
# custom:
#   id: k8s-psp-host-path-writable
#   severity: high
#   kind: kubernetes
#   resources: [PodSecurityPolicy]
#   cwe: [CWE-732]
#   remediation: Remove hostPath from the policy's volumes, or list in allowedHostPaths only the needed prefixes, each with readOnly set to true.
#   related:
#     kics: [de4421f1-4e35-43b4-9783-737dd4e4a47e]
package ward.checks.k8s_psp_host_path_writable

import rego.v1

import data.ward.lib

# host_path_allowed holds unless the policy's volumes exclude hostPath.
host_path_allowed(spec) if lib.missing(spec, "volumes")

host_path_allowed(spec) if {
	some v in lib.as_list(spec.volumes)
	v in {"*", "hostPath"}
}

deny contains res if {
	some r in lib.resources("PodSecurityPolicy")
	spec := object.get(r.config, "spec", {})
	host_path_allowed(spec)
	count(lib.as_list(object.get(spec, "allowedHostPaths", []))) == 0
	res := lib.result(r, "/spec", sprintf("%s allows any host path to be mounted", [r.name]))
}

deny contains res if {
	some r in lib.resources("PodSecurityPolicy")
	some i, p in lib.as_list(object.get(r.config, ["spec", "allowedHostPaths"], []))
	lib.false_or_missing(p, "readOnly")
	ptr := entry_ptr(i, p)
	res := lib.result(r, ptr, sprintf("%s allows writable mounts below host path %v", [r.name, object.get(p, "pathPrefix", "")]))
}

entry_ptr(i, p) := sprintf("/spec/allowedHostPaths/%d/readOnly", [i]) if {
	lib.has(p, "readOnly")
} else := sprintf("/spec/allowedHostPaths/%d", [i])
