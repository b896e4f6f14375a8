# METADATA
# title: ECR repository does not scan images on push
# description: |
#   Images pushed to the repository are not scanned for known
#   vulnerabilities, so vulnerable base images and packages reach production
#   unnoticed. Modules that configure registry-wide scanning are not judged.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
# custom:
#   id: aws-ecr-scan-on-push-disabled
#   severity: low
#   kind: terraform
#   resources: [aws_ecr_repository]
#   cwe: [CWE-1104]
#   remediation: Add image_scanning_configuration { scan_on_push = true } to the repository, or configure aws_ecr_registry_scanning_configuration (enhanced scanning) for the registry.
#   related:
#     checkov: [CKV_AWS_163]
#     trivy: [AVD-AWS-0030]
package ward.checks.aws_ecr_scan_on_push_disabled

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	count(lib.resources("aws_ecr_registry_scanning_configuration")) == 0
	some r in lib.resources("aws_ecr_repository")
	p := aws_data.block_off(r.config, "image_scanning_configuration", "scan_on_push")
	res := lib.result(r, p, sprintf("%s does not scan images on push", [r.name]))
}
