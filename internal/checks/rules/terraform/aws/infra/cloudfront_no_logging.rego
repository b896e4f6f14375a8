# METADATA
# title: CloudFront distribution does not log requests
# description: |
#   Without standard logging (logging_config, or a CloudWatch log delivery
#   source for the distribution), there is no record of the requests
#   viewers made, which is needed to detect scraping or attacks and to
#   investigate incidents.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
# custom:
#   id: aws-cloudfront-no-logging
#   severity: low
#   kind: terraform
#   resources: [aws_cloudfront_distribution]
#   cwe: [CWE-778]
#   remediation: Add logging_config { bucket = "<logs bucket>.s3.amazonaws.com" } or configure an aws_cloudwatch_log_delivery_source for the distribution.
#   related:
#     checkov: [CKV_AWS_86]
#     trivy: [AVD-AWS-0010]
package ward.checks.aws_cloudfront_no_logging

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_cloudfront_distribution")
	lib.missing(r.config, "logging_config")
	not lib.referenced_by(r, "aws_cloudwatch_log_delivery_source")
	res := lib.result(r, "", sprintf("%s has no access logging", [r.name]))
}
