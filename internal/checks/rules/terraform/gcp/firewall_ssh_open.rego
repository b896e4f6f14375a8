# METADATA
# title: Firewall rule opens SSH to the Internet
# description: |
#   An ingress rule from 0.0.0.0/0 that allows TCP port 22 (or all ports)
#   exposes the SSH service of every matching instance to the whole
#   Internet, where it is continuously scanned and attacked with password
#   guessing and exploits.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls
#   - https://cloud.google.com/iap/docs/using-tcp-forwarding
# custom:
#   id: gcp-firewall-ssh-open
#   severity: high
#   kind: terraform
#   resources: [google_compute_firewall]
#   cwe: [CWE-284]
#   remediation: Restrict source_ranges to known administration networks (or 35.235.240.0/20 for IAP TCP forwarding) and avoid open port ranges.
#   related:
#     checkov: [CKV_GCP_2]
package ward.checks.gcp_firewall_ssh_open

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some r in lib.resources("google_compute_firewall")
	srcs := tf_gcp.open_source_ptrs(r.config)
	count(srcs) > 0
	tf_gcp.allows_port(r.config, 22)
	res := lib.result(r, srcs[0], sprintf("%s allows SSH (port 22) from any address", [r.name]))
}
