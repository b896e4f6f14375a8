# METADATA
# title: VPC has no flow log
# description: |
#   VPC flow logs record the accepted and rejected connections of every
#   network interface in the VPC. Without them there is no record to detect
#   scanning, lateral movement or data exfiltration, or to investigate an
#   incident afterwards.
# related_resources:
#   - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
# custom:
#   id: aws-vpc-flow-logs-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_vpc, module]
#   cwe: [CWE-778]
#   remediation: Add an aws_flow_log for the VPC (traffic_type ALL) delivering to CloudWatch Logs or S3, or set enable_flow_log = true on the terraform-aws-modules/vpc module.
#   related:
#     checkov: [CKV2_AWS_11]
#     trivy: [AVD-AWS-0178]
package ward.checks.aws_vpc_flow_logs_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

deny contains res if {
	some r in lib.resources("aws_vpc")
	not lib.referenced_by(r, "aws_flow_log")
	not lib.referenced_by(r, "module")
	res := lib.result(r, "", sprintf("%s has no aws_flow_log in this module recording its traffic", [r.name]))
}

deny contains res if {
	some r in infra.modules("vpc")
	infra.module_source(r).sub == ""
	lib.false_or_missing(r.config, "enable_flow_log")
	res := lib.result(r, "/enable_flow_log", sprintf("%s creates a VPC without flow logs (enable_flow_log is not true)", [r.name]))
}
