# METADATA
# title: WAFv2 web ACL has no logging configuration
# description: |
#   Without an aws_wafv2_web_acl_logging_configuration, the web ACL keeps no
#   record of the requests it allowed or blocked. Sampled requests and
#   metrics are not enough to tune rules, to spot an attack in progress, or
#   to investigate one afterwards.
# related_resources:
#   - https://docs.aws.amazon.com/waf/latest/developerguide/logging.html
# custom:
#   id: aws-wafv2-no-logging
#   severity: low
#   kind: terraform
#   resources: [aws_wafv2_web_acl]
#   cwe: [CWE-778]
#   remediation: Add an aws_wafv2_web_acl_logging_configuration for the web ACL delivering to CloudWatch Logs, S3 or Firehose (with redacted_fields for sensitive headers).
#   related:
#     checkov: [CKV2_AWS_31]
package ward.checks.aws_wafv2_no_logging

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_wafv2_web_acl")
	not lib.referenced_by(r, "aws_wafv2_web_acl_logging_configuration")
	res := lib.result(r, "", sprintf("%s has no logging configuration in this module", [r.name]))
}
