# METADATA
# title: CloudFront distribution has no WAF web ACL
# description: |
#   Without web_acl_id, requests reach the origin without AWS WAF
#   inspection, so common exploits (SQL injection, known bad inputs), bots
#   and request floods are not filtered at the edge.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html
# custom:
#   id: aws-cloudfront-no-waf
#   severity: low
#   kind: terraform
#   resources: [aws_cloudfront_distribution]
#   cwe: [CWE-693]
#   remediation: Create an aws_wafv2_web_acl with scope = "CLOUDFRONT" (for example with the AWS managed core rule set) and set web_acl_id to its ARN.
#   related:
#     checkov: [CKV_AWS_68]
#     trivy: [AVD-AWS-0011]
package ward.checks.aws_cloudfront_no_waf

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_cloudfront_distribution")
	no_acl(r.config)
	res := lib.result(r, "", sprintf("%s is not protected by a WAF web ACL (web_acl_id unset)", [r.name]))
}

no_acl(cfg) if lib.missing(cfg, "web_acl_id")

no_acl(cfg) if cfg.web_acl_id == ""
