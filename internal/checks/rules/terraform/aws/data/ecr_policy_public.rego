# METADATA
# title: ECR repository policy allows everyone
# description: |
#   A repository policy statement allowing Principal "*" without a condition
#   on the caller lets any AWS account pull the images (and with push
#   actions, replace them), exposing code, embedded secrets and the supply
#   chain.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html
# custom:
#   id: aws-ecr-policy-public
#   severity: high
#   kind: terraform
#   resources: [aws_ecr_repository_policy]
#   cwe: [CWE-284]
#   remediation: Name the accounts or roles that may pull (or add an aws:PrincipalOrgID condition); publish public images through ECR Public instead.
#   related:
#     checkov: [CKV_AWS_32]
#     trivy: [AVD-AWS-0032]
package ward.checks.aws_ecr_policy_public

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_ecr_repository_policy")
	some s in aws_data.statements(r, "policy")
	aws_data.public_allow(s)
	res := lib.result(r, "/policy", sprintf("%s allows %v to any principal", [r.name, s.actions]))
}
