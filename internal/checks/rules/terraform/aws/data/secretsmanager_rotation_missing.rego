# METADATA
# title: Secrets Manager secret is never rotated
# description: |
#   No aws_secretsmanager_secret_rotation in the module rotates the secret,
#   so a password or key that leaks (logs, a laptop, a former employee)
#   stays valid indefinitely.
# related_resources:
#   - https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
# custom:
#   id: aws-secretsmanager-rotation-missing
#   severity: low
#   kind: terraform
#   resources: [aws_secretsmanager_secret]
#   cwe: [CWE-324]
#   remediation: Add an aws_secretsmanager_secret_rotation for the secret with a rotation Lambda (or managed rotation) and rotation_rules of 90 days or less.
#   related:
#     checkov: [CKV2_AWS_57]
package ward.checks.aws_secretsmanager_rotation_missing

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_secretsmanager_secret")
	not lib.referenced_by(r, "aws_secretsmanager_secret_rotation")
	lib.missing(r.config, "rotation_rules")
	lib.missing(r.config, "rotation_lambda_arn")
	res := lib.result(r, "", sprintf("%s has no rotation", [r.name]))
}
