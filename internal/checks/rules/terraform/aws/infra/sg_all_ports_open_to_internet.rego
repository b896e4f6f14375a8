# METADATA
# title: Security group admits every port from the internet
# description: |
#   An ingress rule for all protocols (protocol -1) or for the whole TCP or
#   UDP port range from 0.0.0.0/0 or ::/0 removes the security group as a
#   barrier: every service listening on the instances, including ones
#   meant for localhost or the VPC only, becomes reachable from anywhere.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: aws-sg-all-ports-open-to-internet
#   severity: high
#   kind: terraform
#   resources: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, module]
#   cwe: [CWE-284]
#   remediation: Replace the rule with rules for the specific ports the service needs, each from the narrowest source that works.
#   related:
#     checkov: [CKV_AWS_277]
#     trivy: [AVD-AWS-0107]
package ward.checks.aws_sg_all_ports_open_to_internet

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

deny contains res if {
	some rule in net.sg_rules
	net.ingress_open(rule)
	net.all_ports(rule)
	res := lib.result(rule.r, rule.ptr, sprintf("%s admits %s from %s", [net.rule_where(rule), what(rule), concat(", ", {c.v | some c in net.open_cidrs(rule)})]))
}

what(rule) := "every protocol and port" if net.proto_name(rule.proto) == "all"

else := sprintf("every %s port", [net.proto_name(rule.proto)])
