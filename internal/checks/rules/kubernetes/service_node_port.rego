# METADATA
# title: Service is exposed on a port of every node
# description: |
#   A NodePort Service opens the same port on every node's addresses, outside
#   the load balancer, Ingress and their access controls. Anyone who can
#   reach a node, including from the internet on nodes with public IPs,
#   reaches the application.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport
# custom:
#   id: k8s-service-node-port
#   severity: low
#   kind: kubernetes
#   resources: [Service]
#   cwe: [CWE-668]
#   remediation: Use a ClusterIP Service behind an Ingress or an internal LoadBalancer; if a NodePort is required, firewall the node ports to known sources.
package ward.checks.k8s_service_node_port

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.services
	r.config.spec.type == "NodePort"
	res := lib.result(r, "/spec/type", sprintf("%s is exposed on a port of every node", [r.name]))
}
