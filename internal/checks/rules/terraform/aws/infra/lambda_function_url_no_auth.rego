# METADATA
# title: Lambda function URL requires no authentication
# description: |
#   A function URL with authorization_type = "NONE" is a public HTTPS
#   endpoint: anyone who learns the URL can invoke the function, run up
#   its cost and reach whatever data and permissions its role has. Only
#   functions that authenticate every request themselves should be
#   published this way.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
# custom:
#   id: aws-lambda-function-url-no-auth
#   severity: medium
#   kind: terraform
#   resources: [aws_lambda_function_url]
#   cwe: [CWE-306]
#   remediation: Set authorization_type = "AWS_IAM" and sign requests with SigV4, or front the function with API Gateway and an authorizer.
#   related:
#     checkov: [CKV_AWS_258]
package ward.checks.aws_lambda_function_url_no_auth

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_lambda_function_url")
	r.config.authorization_type == "NONE"
	res := lib.result(r, "/authorization_type", sprintf("%s lets anyone on the internet invoke the function (authorization_type NONE)", [r.name]))
}
