# METADATA
# title: CloudFront distribution allows TLS below 1.2
# description: |
#   With a custom certificate, minimum_protocol_version decides the oldest
#   TLS version viewers may use; it defaults to TLSv1. TLS 1.0 and 1.1 are
#   deprecated (RFC 8996), allow weak ciphers and fail PCI DSS.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
# custom:
#   id: aws-cloudfront-old-tls
#   severity: medium
#   kind: terraform
#   resources: [aws_cloudfront_distribution]
#   cwe: [CWE-326]
#   remediation: Set viewer_certificate { minimum_protocol_version = "TLSv1.2_2021" } (with ssl_support_method = "sni-only").
#   related:
#     checkov: [CKV_AWS_174]
#     trivy: [AVD-AWS-0013]
package ward.checks.aws_cloudfront_old_tls

import rego.v1

import data.ward.lib

old_versions := {"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016"}

deny contains res if {
	some r in lib.resources("aws_cloudfront_distribution")
	vc := lib.block(r.config, "viewer_certificate")
	not lib.is_true(object.get(vc, "cloudfront_default_certificate", false))
	vc.minimum_protocol_version in old_versions
	res := lib.result(r, "/viewer_certificate/0/minimum_protocol_version", sprintf("%s accepts %s viewers", [r.name, vc.minimum_protocol_version]))
}

deny contains res if {
	some r in lib.resources("aws_cloudfront_distribution")
	vc := lib.block(r.config, "viewer_certificate")
	custom_certificate(vc)
	lib.missing(vc, "minimum_protocol_version")
	res := lib.result(r, "/viewer_certificate/0", sprintf("%s uses a custom certificate without minimum_protocol_version (defaults to TLSv1)", [r.name]))
}

custom_certificate(vc) if {
	some k in ["acm_certificate_arn", "iam_certificate_id"]
	not lib.missing(vc, k)
}
