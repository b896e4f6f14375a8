# METADATA
# title: CloudFront distribution serves viewers over plain HTTP
# description: |
#   A cache behavior with viewer_protocol_policy = "allow-all" serves
#   content and accepts cookies and form posts over unencrypted HTTP, where
#   they can be read or altered in transit.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
# custom:
#   id: aws-cloudfront-viewer-allows-http
#   severity: medium
#   kind: terraform
#   resources: [aws_cloudfront_distribution]
#   cwe: [CWE-319]
#   remediation: Set viewer_protocol_policy = "redirect-to-https" (or "https-only") on the default and every ordered cache behavior.
#   related:
#     checkov: [CKV_AWS_34]
#     trivy: [AVD-AWS-0012]
package ward.checks.aws_cloudfront_viewer_allows_http

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_cloudfront_distribution")
	some k in ["default_cache_behavior", "ordered_cache_behavior"]
	some i, b in lib.blocks(r.config, k)
	b.viewer_protocol_policy == "allow-all"
	res := lib.result(r, sprintf("/%s/%d/viewer_protocol_policy", [k, i]), sprintf("%s %s serves viewers over HTTP (allow-all)", [r.name, k]))
}
