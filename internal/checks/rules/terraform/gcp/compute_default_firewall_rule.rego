# METADATA
# title: VPC network uses GCP's default firewall rules
# description: |
#   Firewall rules named "default" or "default-allow-*" copy the rules of the
#   auto-created default network, which admit SSH, RDP and ICMP from any
#   address and all traffic between instances. A network built on them starts
#   out open instead of with rules written for its workloads.
# related_resources:
#   - https://cloud.google.com/firewall/docs/firewalls#more_rules_default_vpc
# custom:
#   id: gcp-compute-default-firewall-rule
#   severity: medium
#   kind: terraform
#   resources: [google_compute_network, google_compute_firewall]
#   cwe: [CWE-1188]
#   remediation: Replace the default-style rules with rules named for their purpose that allow only the needed ports from the needed sources.
#   related:
#     kics: [40abce54-95b1-478c-8e5f-ea0bf0bb0e33]
package ward.checks.gcp_compute_default_firewall_rule

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some n in lib.resources("google_compute_network")
	some f in lib.resources("google_compute_firewall")
	tf_gcp.linked(f, n, "network")
	default_name(f.config.name)
	res := lib.result(n, "", sprintf("%s carries the default firewall rule %s (%s)", [n.name, f.config.name, f.name]))
}

default_name(v) if v == "default"

default_name(v) if {
	is_string(v)
	startswith(v, "default-allow-")
}
