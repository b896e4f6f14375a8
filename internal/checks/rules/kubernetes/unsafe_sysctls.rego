# METADATA
# title: Pod or cluster policy allows unsafe sysctls
# description: |
#   Only a small set of sysctls is namespaced and safe to set per pod. Others
#   change kernel settings shared with every pod on the node (memory, IPC,
#   network core limits) or let a pod starve or destabilize the node. A pod
#   that sets one, or a PodSecurityPolicy or kubelet configuration that
#   allows them, lets a workload reach outside its isolation.
# related_resources:
#   - https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
#   - https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
# custom:
#   id: k8s-unsafe-sysctls
#   severity: high
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate, PodSecurityPolicy, KubeletConfiguration]
#   cwe: [CWE-732]
#   remediation: Set only safe sysctls in the pod's securityContext.sysctls and remove allowedUnsafeSysctls from PodSecurityPolicies and kubelet configuration; tune node-wide kernel settings on the nodes instead.
#   related:
#     kics: [9127f0d9-2310-42e7-866f-5fd9d20dcbad]
#     trivy: [AVD-KSV-0026]
package ward.checks.k8s_unsafe_sysctls

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# safe are the sysctls Kubernetes considers safe (namespaced, bounded).
safe := {
	"kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
	"net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
	"net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
}

deny contains res if {
	some r in k8s.workloads
	some i, s in lib.as_list(object.get(k8s.pod_spec(r), ["securityContext", "sysctls"], []))
	is_string(s.name)
	not replace(s.name, "/", ".") in safe
	ptr := sprintf("%s/securityContext/sysctls/%d/name", [k8s.pod_ptr(r), i])
	res := lib.result(r, ptr, sprintf("%s: the pod sets unsafe sysctl %s", [r.name, s.name]))
}

deny contains res if {
	some r in lib.resources_of({"PodSecurityPolicy", "KubeletConfiguration"})
	cfg := object.get(r.config, policy_path(r), {})
	count(lib.as_list(object.get(cfg, "allowedUnsafeSysctls", []))) > 0
	ptr := concat("/", array.concat([""], array.concat(policy_path(r), ["allowedUnsafeSysctls"])))
	res := lib.result(r, ptr, sprintf("%s allows unsafe sysctls %v", [r.name, cfg.allowedUnsafeSysctls]))
}

deny contains res if {
	some [r, x] in k8s.control_containers("kubelet")
	some f in k8s.flag(x, "allowed-unsafe-sysctls")
	f.v != ""
	res := lib.result(r, f.ptr, sprintf("%s: kubelet allows unsafe sysctls %s", [r.name, f.v]))
}

policy_path(r) := ["spec"] if r.type == "PodSecurityPolicy"

else := []
