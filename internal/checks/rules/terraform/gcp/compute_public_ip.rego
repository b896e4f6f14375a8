# METADATA
# title: Compute instance has an external IP address
# description: |
#   An access_config block gives the instance a public IP address, so every
#   port its firewall rules allow is reachable from the Internet and the
#   instance is found by mass scanners within minutes. Instances that only
#   need outbound access can use Cloud NAT, and administrators IAP.
# related_resources:
#   - https://cloud.google.com/compute/docs/ip-addresses#externaladdresses
# custom:
#   id: gcp-compute-public-ip
#   severity: medium
#   kind: terraform
#   resources: [google_compute_instance, google_compute_instance_template, google_compute_region_instance_template]
#   cwe: [CWE-284]
#   remediation: Remove access_config from network_interface and reach the internet through Cloud NAT; put public services behind a load balancer.
#   related:
#     checkov: [CKV_GCP_40]
package ward.checks.gcp_compute_public_ip

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some r in lib.resources_of(tf_gcp.instance_types)
	some i, nic in lib.blocks(r.config, "network_interface")
	count(lib.blocks(nic, "access_config")) > 0
	res := lib.result(r, sprintf("/network_interface/%d/access_config/0", [i]), sprintf("%s gets an external IP address", [r.name]))
}
