# METADATA
# title: SageMaker notebook instance has direct internet access
# description: |
#   With direct internet access (the default) the notebook instance gets
#   internet access through a network interface SageMaker manages outside
#   the VPC: code run in the notebook can send training data or credentials
#   to any host, bypassing the VPC's egress filtering and flow logs.
# related_resources:
#   - https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html
# custom:
#   id: aws-sagemaker-notebook-direct-internet
#   severity: medium
#   kind: terraform
#   resources: [aws_sagemaker_notebook_instance]
#   cwe: [CWE-668]
#   remediation: Set direct_internet_access = "Disabled" and place the notebook in a private subnet (subnet_id, security_groups) with VPC endpoints or a NAT gateway for what it needs.
#   related:
#     checkov: [CKV_AWS_122]
package ward.checks.aws_sagemaker_notebook_direct_internet

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_sagemaker_notebook_instance")
	lib.missing(r.config, "direct_internet_access")
	res := lib.result(r, "", sprintf("%s has direct internet access (the default)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_sagemaker_notebook_instance")
	r.config.direct_internet_access == "Enabled"
	res := lib.result(r, "/direct_internet_access", sprintf("%s has direct internet access", [r.name]))
}
