# METADATA
# title: CloudTrail log file validation is disabled
# description: |
#   Without log file validation CloudTrail writes no signed digest files, so
#   nobody can prove that delivered log files were not modified or deleted
#   afterwards, and tampering with the audit trail goes undetected.
# related_resources:
#   - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# custom:
#   id: aws-cloudtrail-log-validation-disabled
#   severity: medium
#   kind: terraform
#   resources: [aws_cloudtrail]
#   cwe: [CWE-354]
#   remediation: Set enable_log_file_validation = true on the trail.
#   related:
#     checkov: [CKV_AWS_36]
#     trivy: [AVD-AWS-0016]
package ward.checks.aws_cloudtrail_log_validation_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some t in lib.resources("aws_cloudtrail")
	p := aws_data.off(t.config, "enable_log_file_validation")
	res := lib.result(t, p, sprintf("%s does not validate its log files", [t.name]))
}
