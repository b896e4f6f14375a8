# METADATA
# title: Security group exposes SSH (port 22) to the internet
# description: |
#   An ingress rule admitting TCP port 22 (or every port) from 0.0.0.0/0 or
#   ::/0 exposes the SSH daemon of every instance in the group to the whole
#   internet, where it is brute-forced and probed for vulnerabilities
#   continuously. Administrative access should come from known networks, a
#   bastion, or AWS Systems Manager Session Manager.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/security-group-rules-reference.html
# custom:
#   id: aws-sg-ssh-open-to-internet
#   severity: high
#   kind: terraform
#   resources: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_ingress_rule, module]
#   cwe: [CWE-284]
#   remediation: Limit the SSH rule's source to your administration network or a bastion's security group, or remove it and use Session Manager.
#   related:
#     kics: [65905cec-d691-4320-b320-2000436cb696]
#     checkov: [CKV_AWS_24]
#     trivy: [AVD-AWS-0107]
package ward.checks.aws_sg_ssh_open_to_internet

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

deny contains res if {
	some rule in net.sg_rules
	net.ingress_open(rule)
	net.covers(rule, 22, {"tcp"})
	res := lib.result(rule.r, rule.ptr, sprintf("%s admits SSH (port 22) from %s", [net.rule_where(rule), concat(", ", {c.v | some c in net.open_cidrs(rule)})]))
}
