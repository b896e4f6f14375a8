# METADATA
# title: Security group exposes RDP (port 3389) to the internet
# description: |
#   An ingress rule admitting port 3389 (or every port) from 0.0.0.0/0 or
#   ::/0 exposes Windows Remote Desktop of every instance in the group to the
#   whole internet. RDP is a favourite target of credential stuffing and of
#   remote-code-execution exploits used by ransomware operators.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html
# custom:
#   id: aws-sg-rdp-open-to-internet
#   severity: high
#   kind: terraform
#   resources: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, module]
#   cwe: [CWE-284]
#   remediation: Limit the RDP rule's source to your administration network or a bastion's security group, or use Fleet Manager / Session Manager port forwarding instead.
#   related:
#     checkov: [CKV_AWS_25]
#     trivy: [AVD-AWS-0107]
package ward.checks.aws_sg_rdp_open_to_internet

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

deny contains res if {
	some rule in net.sg_rules
	net.ingress_open(rule)
	net.covers(rule, 3389, {"tcp", "udp"})
	res := lib.result(rule.r, rule.ptr, sprintf("%s admits RDP (port 3389) from %s", [net.rule_where(rule), concat(", ", {c.v | some c in net.open_cidrs(rule)})]))
}
