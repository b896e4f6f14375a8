# METADATA
# title: API Gateway custom domain accepts TLS 1.0
# description: |
#   A custom domain name with security_policy = "TLS_1_0" negotiates TLS 1.0
#   and 1.1 and their weak cipher suites, which are deprecated (RFC 8996)
#   and fail PCI DSS. Clients can be downgraded to them.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
# custom:
#   id: aws-apigw-domain-old-tls
#   severity: medium
#   kind: terraform
#   resources: [aws_api_gateway_domain_name, aws_apigatewayv2_domain_name]
#   cwe: [CWE-326]
#   remediation: Set security_policy = "TLS_1_2" on the domain name.
#   related:
#     checkov: [CKV_AWS_206]
#     trivy: [AVD-AWS-0005]
package ward.checks.aws_apigw_domain_old_tls

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_api_gateway_domain_name")
	r.config.security_policy == "TLS_1_0"
	res := lib.result(r, "/security_policy", sprintf("%s allows TLS 1.0 (security_policy TLS_1_0)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_apigatewayv2_domain_name")
	some i, c in lib.blocks(r.config, "domain_name_configuration")
	c.security_policy == "TLS_1_0"
	res := lib.result(r, sprintf("/domain_name_configuration/%d/security_policy", [i]), sprintf("%s allows TLS 1.0 (security_policy TLS_1_0)", [r.name]))
}
