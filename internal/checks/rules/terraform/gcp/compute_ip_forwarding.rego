# METADATA
# title: Compute instance can forward IP packets
# description: |
#   With IP forwarding, the instance may send and receive packets whose
#   addresses are not its own, so it can act as a router and bypass the
#   network's firewall and routing design. Only NAT gateways and network
#   appliances need it.
# related_resources:
#   - https://cloud.google.com/vpc/docs/using-routes#canipforward
# custom:
#   id: gcp-compute-ip-forwarding
#   severity: medium
#   kind: terraform
#   resources: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   cwe: [CWE-923]
#   remediation: Remove can_ip_forward = true unless the instance is a router, NAT gateway or network appliance.
#   related:
#     checkov: [CKV_GCP_36]
package ward.checks.gcp_compute_ip_forwarding

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some r in lib.resources_of(tf_gcp.instance_types)
	lib.is_true(r.config.can_ip_forward)
	res := lib.result(r, "/can_ip_forward", sprintf("%s can forward IP packets", [r.name]))
}
