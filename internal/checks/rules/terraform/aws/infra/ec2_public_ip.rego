# METADATA
# title: EC2 instance or launch template assigns a public IP address
# description: |
#   associate_public_ip_address = true puts the instance directly on the
#   internet. Its security group becomes the only barrier, and any port a
#   later change opens is immediately exposed. Instances should sit in
#   private subnets behind load balancers, NAT gateways or bastions.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses
# custom:
#   id: aws-ec2-public-ip
#   severity: medium
#   kind: terraform
#   resources: [aws_instance, aws_launch_template, aws_launch_configuration, module]
#   cwe: [CWE-284]
#   remediation: Remove associate_public_ip_address (or set it to false), launch the instance in a private subnet, and publish services through a load balancer.
#   related:
#     checkov: [CKV_AWS_88]
#     trivy: [AVD-AWS-0009]
package ward.checks.aws_ec2_public_ip

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

deny contains res if {
	some r in lib.resources_of({"aws_instance", "aws_launch_configuration"})
	lib.is_true(r.config.associate_public_ip_address)
	res := lib.result(r, "/associate_public_ip_address", sprintf("%s is given a public IP address", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_launch_template")
	some i, ni in lib.blocks(r.config, "network_interfaces")
	lib.is_true(ni.associate_public_ip_address)
	res := lib.result(r, sprintf("/network_interfaces/%d/associate_public_ip_address", [i]), sprintf("%s gives instances a public IP address", [r.name]))
}

deny contains res if {
	some r in infra.modules("ec2-instance")
	lib.is_true(r.config.associate_public_ip_address)
	res := lib.result(r, "/associate_public_ip_address", sprintf("%s is given a public IP address", [r.name]))
}
