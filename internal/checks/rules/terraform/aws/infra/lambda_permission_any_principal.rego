# METADATA
# title: Lambda permission lets any principal invoke the function
# description: |
#   An aws_lambda_permission with principal "*" and no source_arn,
#   source_account or principal_org_id adds a resource policy statement
#   that lets any AWS account (and, for function URLs, anyone) invoke the
#   function.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
# custom:
#   id: aws-lambda-permission-any-principal
#   severity: high
#   kind: terraform
#   resources: [aws_lambda_permission]
#   cwe: [CWE-284]
#   remediation: Name the invoking service or account in principal and add source_arn (or source_account / principal_org_id) to limit who can invoke the function.
#   related:
#     checkov: [CKV_AWS_301]
#     trivy: [AVD-AWS-0067]
package ward.checks.aws_lambda_permission_any_principal

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_lambda_permission")
	r.config.principal == "*"
	every k in ["source_arn", "source_account", "principal_org_id"] {
		lib.missing(r.config, k)
	}
	res := lib.result(r, "/principal", sprintf("%s lets any principal invoke the function (principal \"*\" without source_arn, source_account or principal_org_id)", [r.name]))
}
