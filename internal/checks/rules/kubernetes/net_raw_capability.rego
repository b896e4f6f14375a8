# METADATA
# title: Container keeps the NET_RAW capability
# description: |
#   Container runtimes grant CAP_NET_RAW by default. It lets a process craft
#   raw packets: ARP and DNS spoofing of other pods on the node, and it has
#   been the entry point of several kernel privilege escalations. Few
#   applications need it.
# related_resources:
#   - https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container
# custom:
#   id: k8s-net-raw-capability
#   severity: medium
#   kind: kubernetes
#   resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate]
#   cwe: [CWE-250]
#   remediation: Add NET_RAW (or ALL) to securityContext.capabilities.drop and do not add it back.
#   related:
#     kics: [dbbc6705-d541-43b0-b166-dd4be8208b54]
#     checkov: [CKV_K8S_28]
package ward.checks.k8s_net_raw_capability

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some [r, x] in k8s.all_containers
	k8s.linux(r)
	not k8s.drops(x, "NET_RAW")
	not adds(x)
	res := lib.result(r, k8s.drop_ptr(x), sprintf("%s: container %s does not drop NET_RAW", [r.name, k8s.name_of(x)]))
}

deny contains res if {
	some [r, x] in k8s.all_containers
	some a in k8s.caps(x, "add")
	a.v in {"NET_RAW", "ALL"}
	res := lib.result(r, a.ptr, sprintf("%s: container %s adds %s, which includes NET_RAW", [r.name, k8s.name_of(x), a.v]))
}

adds(x) if {
	some a in k8s.caps(x, "add")
	a.v in {"NET_RAW", "ALL"}
}
