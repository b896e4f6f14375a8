# METADATA
# title: EC2 instance without detailed monitoring
# description: |
#   Without detailed monitoring, CloudWatch receives instance metrics only
#   every five minutes, so alarms on CPU, network or status checks react
#   slowly to abuse such as crypto-mining or a flood of outbound traffic.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html
# custom:
#   id: aws-ec2-detailed-monitoring-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_instance, aws_launch_template]
#   cwe: [CWE-778]
#   remediation: Set monitoring = true on the instance, or monitoring { enabled = true } in the launch template.
#   related:
#     checkov: [CKV_AWS_126]
package ward.checks.aws_ec2_detailed_monitoring_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_instance")
	lib.false_or_missing(r.config, "monitoring")
	not missing_from_template(r)
	res := lib.result(r, "/monitoring", sprintf("%s does not enable detailed monitoring", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_launch_template")
	m := lib.block(r.config, "monitoring")
	lib.false_or_missing(m, "enabled")
	res := lib.result(r, "/monitoring/0", sprintf("%s does not enable detailed monitoring", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_launch_template")
	lib.missing(r.config, "monitoring")
	res := lib.result(r, "", sprintf("%s has no monitoring block, so detailed monitoring is off", [r.name]))
}

# An instance launched from a template without monitoring set takes it
# from the template.
missing_from_template(r) if {
	lib.missing(r.config, "monitoring")
	count(lib.blocks(r.config, "launch_template")) > 0
}
