# METADATA
# title: Security group allows unrestricted egress to the internet
# description: |
#   An egress rule to 0.0.0.0/0 or ::/0 on every protocol lets a compromised
#   instance download tooling, reach command-and-control servers and
#   exfiltrate data anywhere. Limiting egress to the endpoints a workload
#   needs (VPC endpoints, a proxy, specific ports) contains a breach.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: aws-sg-egress-open-to-internet
#   severity: low
#   kind: terraform
#   resources: [aws_security_group, aws_security_group_rule, aws_vpc_security_group_egress_rule, module]
#   cwe: [CWE-284]
#   remediation: Restrict egress to the ports and destinations the workload needs, for example 443 to a proxy or VPC endpoints.
#   related:
#     trivy: [AVD-AWS-0104]
package ward.checks.aws_sg_egress_open_to_internet

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as net

deny contains res if {
	some rule in net.sg_rules
	rule.dir == "egress"
	rule.r.type != "aws_default_security_group"
	net.proto_name(rule.proto) == "all"
	some c in net.open_cidrs(rule)
	res := lib.result(rule.r, c.ptr, sprintf("%s allows egress on every protocol and port to %s", [net.rule_where(rule), c.v]))
}
