# METADATA
# title: Lambda function does not enable X-Ray active tracing
# description: |
#   Without tracing_config { mode = "Active" }, invocations of the function
#   are not traced, so unusual call paths, slow downstream calls and abuse
#   of the function are hard to see or reconstruct after an incident.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
# custom:
#   id: aws-lambda-tracing-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_lambda_function]
#   cwe: [CWE-778]
#   remediation: Add tracing_config { mode = "Active" } and allow the function's role xray:PutTraceSegments and xray:PutTelemetryRecords.
#   related:
#     checkov: [CKV_AWS_50]
#     trivy: [AVD-AWS-0066]
package ward.checks.aws_lambda_tracing_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_lambda_function")
	lib.missing(r.config, "tracing_config")
	res := lib.result(r, "", sprintf("%s has no tracing_config (X-Ray tracing off)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_lambda_function")
	tc := lib.block(r.config, "tracing_config")
	tc.mode == "PassThrough"
	res := lib.result(r, "/tracing_config/0/mode", sprintf("%s sets tracing mode PassThrough instead of Active", [r.name]))
}
