# METADATA
# title: CloudTrail trail covers one region only
# description: |
#   A single-region trail records nothing of what happens in the other
#   regions: an attacker who launches resources or changes settings in an
#   unused region stays invisible to the audit log.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
# custom:
#   id: aws-cloudtrail-not-multi-region
#   severity: medium
#   kind: terraform
#   resources: [aws_cloudtrail]
#   cwe: [CWE-778]
#   remediation: Set is_multi_region_trail = true (with include_global_service_events = true) on the trail.
#   related:
#     checkov: [CKV_AWS_67]
#     trivy: [AVD-AWS-0014]
package ward.checks.aws_cloudtrail_not_multi_region

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some t in lib.resources("aws_cloudtrail")
	p := aws_data.off(t.config, "is_multi_region_trail")
	res := lib.result(t, p, sprintf("%s records events of its own region only", [t.name]))
}
