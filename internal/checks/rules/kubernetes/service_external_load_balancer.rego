# METADATA
# title: Service is exposed through an internet-facing load balancer
# description: |
#   A Service of type LoadBalancer without a provider's internal annotation
#   or loadBalancerSourceRanges gets a public address reachable from the
#   whole internet. Services meant for other workloads, VPNs or peered
#   networks should use an internal load balancer.
# related_resources:
#   - https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer
#   - https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/
# custom:
#   id: k8s-service-external-load-balancer
#   severity: medium
#   kind: kubernetes
#   resources: [Service]
#   cwe: [CWE-668]
#   remediation: Add the cloud provider's internal load balancer annotation, or restrict spec.loadBalancerSourceRanges to known networks; expose public endpoints through an Ingress with TLS and authentication.
#   related:
#     kics: [26763a1c-5dda-4772-b507-5fca7fb5f165]
package ward.checks.k8s_service_external_load_balancer

import rego.v1

import data.ward.lib
import data.ward.lib.k8s

# internal maps annotations to the values that make a load balancer internal.
internal_lb := {
	"service.beta.kubernetes.io/aws-load-balancer-internal": {"true", "0.0.0.0/0"},
	"service.beta.kubernetes.io/aws-load-balancer-scheme": {"internal"},
	"service.beta.kubernetes.io/azure-load-balancer-internal": {"true"},
	"cloud.google.com/load-balancer-type": {"internal"},
	"networking.gke.io/load-balancer-type": {"internal"},
	"service.beta.kubernetes.io/oci-load-balancer-internal": {"true"},
	"oci-network-load-balancer.oraclecloud.com/internal": {"true"},
	"service.beta.kubernetes.io/openstack-internal-load-balancer": {"true"},
	"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": {"private"},
	"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": {"intranet"},
}

deny contains res if {
	some r in k8s.services
	r.config.spec.type == "LoadBalancer"
	anns := object.get(r.config, ["metadata", "annotations"], {})
	not is_internal(anns)
	not source_restricted(r.config.spec)
	res := lib.result(r, ptr(r, anns), sprintf("%s gets an internet-facing load balancer", [r.name]))
}

is_internal(anns) if {
	some k, vals in internal_lb
	v := anns[k]
	is_string(v)
	lower(v) in vals
}

# source_restricted holds when loadBalancerSourceRanges admits only
# specific networks.
source_restricted(spec) if {
	ranges := lib.as_list(object.get(spec, "loadBalancerSourceRanges", []))
	count(ranges) > 0
	every c in ranges {
		not lib.cidr_open(c)
	}
}

# ptr points at an annotation that says external, else at the
# annotations (or metadata) where the internal one belongs.
ptr(_, anns) := concat("/", ["", "metadata", "annotations", k8s.esc(k)]) if {
	some k, _ in internal_lb
	is_string(anns[k])
} else := "/metadata/annotations" if {
	count(anns) > 0
} else := "/metadata"
