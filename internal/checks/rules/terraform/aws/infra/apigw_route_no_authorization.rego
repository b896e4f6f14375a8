# METADATA
# title: API Gateway method or route requires no authorization
# description: |
#   A REST API method with authorization = "NONE" and no API key, or an
#   HTTP/WebSocket API route without an authorizer, can be called by anyone
#   who can reach the API. Unless the backend authenticates every request
#   itself, its data and actions are open to the internet.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html
# custom:
#   id: aws-apigw-route-no-authorization
#   severity: medium
#   kind: terraform
#   resources: [aws_api_gateway_method, aws_apigatewayv2_route]
#   cwe: [CWE-306]
#   remediation: Set authorization to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (REST), or authorization_type to JWT, AWS_IAM or CUSTOM (HTTP APIs); CORS preflight OPTIONS methods are not reported.
#   related:
#     checkov: [CKV_AWS_59]
#     trivy: [AVD-AWS-0004]
package ward.checks.aws_apigw_route_no_authorization

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_api_gateway_method")
	r.config.authorization == "NONE"
	r.config.http_method != "OPTIONS"
	is_string(r.config.http_method)
	lib.false_or_missing(r.config, "api_key_required")
	res := lib.result(r, "/authorization", sprintf("%s (%s) requires no authorization", [r.name, r.config.http_method]))
}

deny contains res if {
	some r in lib.resources("aws_apigatewayv2_route")
	key := r.config.route_key
	routable(key)
	object.get(r.config, "authorization_type", "NONE") == "NONE"
	lib.false_or_missing(r.config, "api_key_required")
	res := lib.result(r, ptr(r), sprintf("%s (%s) has no authorizer", [r.name, key]))
}

ptr(r) := "/authorization_type" if lib.has(r.config, "authorization_type")

else := ""

# HTTP API routes ("GET /items") other than CORS preflight, and the
# WebSocket $connect route (the only one that takes an authorizer).
routable(key) if {
	is_string(key)
	regex.match(`^[A-Z]+ /`, key)
	not startswith(key, "OPTIONS ")
}

routable("$connect")
