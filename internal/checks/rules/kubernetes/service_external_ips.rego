# METADATA
# title: Service claims external IP addresses
# description: |
#   spec.externalIPs makes every node route traffic for those addresses to
#   the Service. Whoever can create such a Service can intercept traffic the
#   cluster sends to any IP (CVE-2020-8554), which is why clusters should
#   deny externalIPs except for reviewed cases.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#external-ips
#   - https://github.com/kubernetes/kubernetes/issues/97076
# custom:
#   id: k8s-service-external-ips
#   severity: medium
#   kind: kubernetes
#   resources: [Service]
#   cwe: [CWE-923]
#   remediation: Remove spec.externalIPs and expose the Service through a LoadBalancer or Ingress; enable the DenyServiceExternalIPs admission plugin.
package ward.checks.k8s_service_external_ips

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

deny contains res if {
	some r in k8s.services
	ips := lib.as_list(object.get(r.config, ["spec", "externalIPs"], []))
	count(ips) > 0
	res := lib.result(r, "/spec/externalIPs", sprintf("%s claims external IPs %v", [r.name, ips]))
}
