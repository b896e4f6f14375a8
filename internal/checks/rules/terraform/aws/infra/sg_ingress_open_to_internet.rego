# METADATA
# title: Security group admits ingress from the whole internet
# description: |
#   A security group rule whose source is 0.0.0.0/0 or ::/0 lets any host on
#   the internet open connections to the covered ports of every instance,
#   load balancer or database using the group. Internet scanners find such
#   services within minutes; unless the port serves a deliberately public
#   endpoint (a web load balancer), the rule widens the attack surface.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: aws-sg-ingress-open-to-internet
#   severity: medium
#   kind: terraform
#   resources: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, module]
#   cwe: [CWE-284]
#   remediation: Restrict the rule's source to the CIDR ranges or security groups that need access; expose public services only through a load balancer whose group alone admits 0.0.0.0/0 on 80/443.
#   related:
#     kics: [4728cd65-a20c-49da-8b31-9c08b423e4db]
#     trivy: [AVD-AWS-0107]
package ward.checks.aws_sg_ingress_open_to_internet

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

deny contains res if {
	some rule in net.sg_rules
	rule.dir == "ingress"
	rule.r.type != "aws_default_security_group"
	some c in net.open_cidrs(rule)
	res := lib.result(rule.r, c.ptr, sprintf("%s admits ingress from %s%s", [net.rule_where(rule), c.v, ports_text(rule)]))
}

ports_text(rule) := " on every port and protocol" if net.proto_name(rule.proto) == "all"

else := sprintf(" on %s %v-%v", [net.proto_name(rule.proto), rule.from, rule.to]) if {
	rule.from != null
	rule.to != null
	rule.proto != null
}

else := ""
