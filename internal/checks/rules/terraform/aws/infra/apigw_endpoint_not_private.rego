# METADATA
# title: API Gateway REST API has a public endpoint
# description: |
#   A REST API whose endpoint type is EDGE (the default) or REGIONAL is
#   reachable from the whole internet. APIs that serve only callers inside
#   your VPCs should use a PRIVATE endpoint, reachable only through an
#   interface VPC endpoint and a resource policy.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html
# custom:
#   id: aws-apigw-endpoint-not-private
#   severity: low
#   kind: terraform
#   resources: [aws_api_gateway_rest_api]
#   cwe: [CWE-284]
#   remediation: For internal APIs set endpoint_configuration { types = ["PRIVATE"] vpc_endpoint_ids = [...] } with a resource policy; keep public endpoints only for APIs meant for the internet, protected by authorizers and WAF.
#   related:
#     kics: [6b2739db-9c49-4db7-b980-7816e0c248c1]
package ward.checks.aws_apigw_endpoint_not_private

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_api_gateway_rest_api")
	ec := lib.block(r.config, "endpoint_configuration")
	types := ec.types
	is_array(types)
	some t in types
	t in {"EDGE", "REGIONAL"}
	res := lib.result(r, "/endpoint_configuration/0/types", sprintf("%s has a public %s endpoint", [r.name, t]))
}

deny contains res if {
	some r in lib.resources("aws_api_gateway_rest_api")
	lib.missing(r.config, "endpoint_configuration")
	res := lib.result(r, "", sprintf("%s has no endpoint_configuration, so its endpoint is public (EDGE)", [r.name]))
}
