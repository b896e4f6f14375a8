# METADATA
# title: ECR repository allows tags to be overwritten
# description: |
#   With mutable tags anyone who can push may replace the image behind a tag
#   already deployed or referenced by pipelines ("v1.4.2", "prod"), so a
#   compromised CI token silently swaps in a malicious image.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# custom:
#   id: aws-ecr-tags-mutable
#   severity: medium
#   kind: terraform
#   resources: [aws_ecr_repository]
#   cwe: [CWE-494]
#   remediation: Set image_tag_mutability = "IMMUTABLE" and deploy images by digest.
#   related:
#     checkov: [CKV_AWS_51]
#     trivy: [AVD-AWS-0031]
package ward.checks.aws_ecr_tags_mutable

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_ecr_repository")
	lib.missing(r.config, "image_tag_mutability")
	res := lib.result(r, "", sprintf("%s lets pushes overwrite existing tags (MUTABLE by default)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_ecr_repository")
	r.config.image_tag_mutability == "MUTABLE"
	res := lib.result(r, "/image_tag_mutability", sprintf("%s lets pushes overwrite existing tags", [r.name]))
}
