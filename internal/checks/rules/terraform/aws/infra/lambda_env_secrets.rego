# METADATA
# title: Lambda function puts a secret in an environment variable
# description: |
#   Lambda environment variables are visible to anyone who can read the
#   function's configuration (lambda:GetFunctionConfiguration), in the
#   console and in Terraform state. A variable named like a password, token
#   or key with a literal value exposes the secret to all of them.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption
# custom:
#   id: aws-lambda-env-secrets
#   severity: high
#   kind: terraform
#   resources: [aws_lambda_function]
#   cwe: [CWE-798]
#   remediation: Store the value in Secrets Manager or SSM Parameter Store, pass only its name or ARN in the environment, and fetch it at runtime with the function's role.
#   related:
#     checkov: [CKV_AWS_45]
package ward.checks.aws_lambda_env_secrets

import rego.v1

import data.ward.lib
import data.ward.lib.aws_infra as infra

deny contains res if {
	some r in lib.resources("aws_lambda_function")
	env := lib.block(r.config, "environment")
	vars := env.variables
	is_object(vars)
	some name, value in vars
	infra.secret_like_name(name)
	infra.literal_secret_value(value)
	res := lib.result(r, sprintf("/environment/0/variables/%s", [name]), sprintf("%s sets %s in its environment as a literal value", [r.name, name]))
}
