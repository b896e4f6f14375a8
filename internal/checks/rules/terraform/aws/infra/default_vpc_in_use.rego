# METADATA
# title: Default VPC is managed and kept
# description: |
#   The default VPC has a public subnet in every availability zone that
#   gives instances public IP addresses, and a default security group and
#   NACL shaped for convenience rather than isolation. Workloads placed in
#   it are internet-facing by accident. Managing it with aws_default_vpc
#   usually means it is still being used.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html
# custom:
#   id: aws-default-vpc-in-use
#   severity: low
#   kind: terraform
#   resources: [aws_default_vpc]
#   cwe: [CWE-1188]
#   remediation: Create purpose-built VPCs with private subnets for workloads; remove the default VPC from the account once nothing uses it.
#   related:
#     trivy: [AVD-AWS-0101]
package ward.checks.aws_default_vpc_in_use

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_default_vpc")
	res := lib.result(r, "", sprintf("%s manages the account's default VPC instead of a purpose-built one", [r.name]))
}
