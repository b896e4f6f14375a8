# METADATA
# title: Service does not reach the pods of its manifest
# description: |
#   The manifest defines workloads in the Service's namespace, but the
#   Service's selector matches none of their pod labels, or the matching pods
#   do not expose the Service's target port. The Service then has no
#   endpoints for that port: requests fail, and a later pod that happens to
#   carry the labels could receive traffic meant for another application.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
# custom:
#   id: k8s-service-selects-no-pod
#   severity: low
#   kind: kubernetes
#   resources: [Service]
#   cwe: [CWE-1286]
#   remediation: Make spec.selector match the pod template labels of the intended workload and targetPort match one of its containerPorts (by number or name).
#   related:
#     kics: [3ca03a61-3249-4c16-8427-6f8e47dda729]
package ward.checks.k8s_service_selects_no_pod

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# pods summarizes each workload once: namespace, pod labels and the
# containerPorts its containers declare.
pods := [{"ns": k8s.namespace(w), "labels": k8s.pod_labels(w), "ports": container_ports(w)} | some w in k8s.workloads]

container_ports(w) := [cp | some x in k8s.containers(w); some cp in lib.as_list(object.get(x.c, "ports", []))]

# candidates are the workloads of the Service's namespace.
candidates(svc) := [p | ns := k8s.namespace(svc); some p in pods; p.ns == ns]

selected(svc) := [p |
	sel := svc.config.spec.selector
	some p in candidates(svc)
	k8s.selector_matches(sel, p.labels)
]

deny contains res if {
	some r in k8s.services
	sel := r.config.spec.selector
	is_object(sel)
	count(sel) > 0
	count(candidates(r)) > 0
	count(selected(r)) == 0
	res := lib.result(r, "/spec/selector", sprintf("%s selects no pod of the workloads in its manifest", [r.name]))
}

deny contains res if {
	some r in k8s.services
	ws := selected(r)
	count(ws) > 0
	some i, p in lib.as_list(object.get(r.config, ["spec", "ports"], []))
	target := target_port(p)
	not served(ws, target)
	res := lib.result(r, port_ptr(i, p), sprintf("%s targets port %v, which its pods do not expose", [r.name, target]))
}

target_port(p) := to_number(p.targetPort) if {
	is_string(p.targetPort)
	regex.match(`^[0-9]+$`, p.targetPort)
} else := p.targetPort if {
	p.targetPort != null
} else := p.port

port_ptr(i, p) := sprintf("/spec/ports/%d/targetPort", [i]) if {
	lib.has(p, "targetPort")
} else := sprintf("/spec/ports/%d", [i])

# A numeric target is served by a matching containerPort, or by a pod
# that declares no ports (declaring them is optional).
served(ws, t) if {
	is_number(t)
	some w in ws
	some cp in w.ports
	cp.containerPort == t
}

served(ws, t) if {
	is_number(t)
	some w in ws
	count(w.ports) == 0
}

# A named target must be declared.
served(ws, t) if {
	is_string(t)
	some w in ws
	some cp in w.ports
	cp.name == t
}

served(_, t) if {
	not is_number(t)
	not is_string(t)
}
