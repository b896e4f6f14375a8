# METADATA
# title: EMR cluster is not launched in a VPC subnet
# description: |
#   An EMR cluster without a subnet runs in EC2-Classic or the default VPC,
#   outside the network segmentation, security groups and private routing
#   you designed. Its master node may end up with a public address and
#   cluster interfaces reachable from the internet.
# related_resources:
#   - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-plan-vpc-subnet.html
# custom:
#   id: aws-emr-cluster-no-vpc
#   severity: low
#   kind: terraform
#   resources: [aws_emr_cluster]
#   cwe: [CWE-284]
#   remediation: Set ec2_attributes { subnet_id = aws_subnet.private.id } (or subnet_ids) to launch the cluster in a private subnet of your VPC.
#   related:
#     kics: [2b3c8a6d-9856-43e6-ab1d-d651094f03b4]
package ward.checks.aws_emr_cluster_no_vpc

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_emr_cluster")
	not has_subnet(r.config)
	not attributes_subnet(r.config)
	res := lib.result(r, "", sprintf("%s is not placed in a VPC subnet (no subnet_id)", [r.name]))
}

has_subnet(obj) if {
	some k in ["subnet_id", "subnet_ids"]
	not lib.missing(obj, k)
}

attributes_subnet(cfg) if {
	some b in lib.blocks(cfg, "ec2_attributes")
	has_subnet(b)
}
