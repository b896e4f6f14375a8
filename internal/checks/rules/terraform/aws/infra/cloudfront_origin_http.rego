# METADATA
# title: CloudFront sends requests to a custom origin over plain HTTP
# description: |
#   A custom origin with origin_protocol_policy = "http-only" receives every
#   request, including cookies and authorization headers, unencrypted across
#   the internet between CloudFront and the origin, even when viewers use
#   HTTPS.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
# custom:
#   id: aws-cloudfront-origin-http
#   severity: medium
#   kind: terraform
#   resources: [aws_cloudfront_distribution]
#   cwe: [CWE-319]
#   remediation: Set origin_protocol_policy = "https-only" with origin_ssl_protocols = ["TLSv1.2"] and serve a valid certificate on the origin.
package ward.checks.aws_cloudfront_origin_http

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_cloudfront_distribution")
	some i, o in lib.blocks(r.config, "origin")
	c := lib.block(o, "custom_origin_config")
	c.origin_protocol_policy == "http-only"
	res := lib.result(r, sprintf("/origin/%d/custom_origin_config/0/origin_protocol_policy", [i]), sprintf("%s sends requests to origin %v over HTTP", [r.name, object.get(o, "origin_id", i)]))
}
