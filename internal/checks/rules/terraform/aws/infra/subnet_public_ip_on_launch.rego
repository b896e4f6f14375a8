# METADATA
# title: Subnet gives every instance a public IP address
# description: |
#   With map_public_ip_on_launch = true every network interface launched in
#   the subnet gets a public IPv4 address, so any instance placed there is
#   reachable from the internet as far as its security group allows,
#   whether or not it was meant to be public.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html#subnet-public-ip
# custom:
#   id: aws-subnet-public-ip-on-launch
#   severity: low
#   kind: terraform
#   resources: [aws_subnet, aws_default_subnet]
#   cwe: [CWE-284]
#   remediation: Set map_public_ip_on_launch = false and give public addresses only to the resources that need them (load balancers, NAT gateways, explicitly chosen instances).
#   related:
#     checkov: [CKV_AWS_130]
#     trivy: [AVD-AWS-0164]
package ward.checks.aws_subnet_public_ip_on_launch

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_subnet")
	lib.is_true(r.config.map_public_ip_on_launch)
	res := lib.result(r, "/map_public_ip_on_launch", sprintf("%s assigns a public IP address to every instance launched in it", [r.name]))
}

# The default subnets map public IPs unless told otherwise.
deny contains res if {
	some r in lib.resources("aws_default_subnet")
	not lib.is_false(object.get(r.config, "map_public_ip_on_launch", true))
	res := lib.result(r, "/map_public_ip_on_launch", sprintf("%s (a default subnet) assigns a public IP address to every instance launched in it", [r.name]))
}
