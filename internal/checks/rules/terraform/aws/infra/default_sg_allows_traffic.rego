# METADATA
# title: Default security group allows traffic
# description: |
#   Every VPC has a default security group that resources join when no
#   group is given. Rules on it silently apply to whatever lands there,
#   including resources created by hand or by other tools. CIS recommends
#   that the default group allow no inbound or outbound traffic at all, so
#   that every workload must use a purpose-made group.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
# custom:
#   id: aws-default-sg-allows-traffic
#   severity: medium
#   kind: terraform
#   resources: [aws_default_security_group]
#   cwe: [CWE-284]
#   remediation: Declare aws_default_security_group without ingress and egress blocks (which removes all its rules) and give workloads their own security groups.
#   related:
#     checkov: [CKV2_AWS_12]
package ward.checks.aws_default_sg_allows_traffic

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_default_security_group")
	some dir in ["ingress", "egress"]
	some i, _ in lib.blocks(r.config, dir)
	res := lib.result(r, sprintf("/%s/%d", [dir, i]), sprintf("%s keeps an %s rule on the VPC's default security group", [r.name, dir]))
}
