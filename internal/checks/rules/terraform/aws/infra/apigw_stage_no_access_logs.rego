# METADATA
# title: API Gateway stage does not write access logs
# description: |
#   Without access_log_settings, API Gateway keeps no record of who called
#   the API, from which address, with what result. Abuse, credential
#   stuffing and data scraping through the API then go unnoticed and
#   cannot be investigated.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
# custom:
#   id: aws-apigw-stage-no-access-logs
#   severity: medium
#   kind: terraform
#   resources: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#   cwe: [CWE-778]
#   remediation: Add access_log_settings { destination_arn = aws_cloudwatch_log_group.api.arn format = ... } to the stage.
#   related:
#     checkov: [CKV_AWS_76]
#     trivy: [AVD-AWS-0001]
package ward.checks.aws_apigw_stage_no_access_logs

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"aws_api_gateway_stage", "aws_apigatewayv2_stage"})
	lib.missing(r.config, "access_log_settings")
	res := lib.result(r, "", sprintf("%s has no access_log_settings", [r.name]))
}
