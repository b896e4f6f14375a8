# METADATA
# title: Network ACL allows internet ingress to SSH, RDP or every port
# description: |
#   A network ACL entry that allows inbound traffic from 0.0.0.0/0 or ::/0
#   to port 22, port 3389 or to all ports lets the whole internet reach the
#   subnet's administration services. NACLs are the subnet-wide second line
#   of defence behind security groups; an allow-all entry removes it.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
# custom:
#   id: aws-nacl-admin-ports-open
#   severity: medium
#   kind: terraform
#   resources: [aws_network_acl, aws_default_network_acl, aws_network_acl_rule]
#   cwe: [CWE-284]
#   remediation: Allow SSH and RDP only from administration networks in the NACL, and replace allow-all entries with the port ranges the subnet serves.
#   related:
#     checkov: [CKV_AWS_231, CKV_AWS_232]
#     trivy: [AVD-AWS-0105]
package ward.checks.aws_nacl_admin_ports_open

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

# entries lists the allow entries for ingress as {"r", "e", "ptr"}.
entries contains {"r": r, "e": e, "ptr": sprintf("/ingress/%d", [i])} if {
	some r in lib.resources_of({"aws_network_acl", "aws_default_network_acl"})
	some i, e in lib.blocks(r.config, "ingress")
	lower(e.action) == "allow"
}

entries contains {"r": r, "e": e, "ptr": ""} if {
	some r in lib.resources("aws_network_acl_rule")
	e := r.config
	lib.false_or_missing(e, "egress")
	lower(e.rule_action) == "allow"
}

open_source(e) := c if {
	some c in [object.get(e, "cidr_block", null), object.get(e, "ipv6_cidr_block", null)]
	net.open_cidr(c)
}

rule_of(e) := {"proto": e.protocol, "from": object.get(e, "from_port", null), "to": object.get(e, "to_port", null)}

exposed(e) := "every port" if {
	net.proto_name(e.protocol) == "all"
} else := "SSH (22)" if {
	net.covers(rule_of(e), 22, {"tcp"})
} else := "RDP (3389)" if {
	net.covers(rule_of(e), 3389, {"tcp", "udp"})
}

deny contains res if {
	some x in entries
	c := open_source(x.e)
	what := exposed(x.e)
	res := lib.result(x.r, x.ptr, sprintf("%s allows %s from %s", [x.r.name, what, c]))
}
