# METADATA
# title: IAM password policy does not require character classes
# description: |
#   A password policy that does not require symbols, numbers, uppercase and
#   lowercase letters lets users pick dictionary words, which are the first
#   candidates of guessing and credential-stuffing attacks.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: aws-iam-password-complexity
#   severity: low
#   kind: terraform
#   resources: [aws_iam_account_password_policy]
#   cwe: [CWE-521]
#   remediation: Set require_symbols, require_numbers, require_uppercase_characters and require_lowercase_characters to true.
#   related:
#     checkov: [CKV_AWS_11, CKV_AWS_12, CKV_AWS_14, CKV_AWS_15]
#     trivy: [AVD-AWS-0058, AVD-AWS-0059, AVD-AWS-0060, AVD-AWS-0061]
package ward.checks.aws_iam_password_complexity

import rego.v1

import data.ward.lib

classes := {
	"require_symbols": "symbols",
	"require_numbers": "numbers",
	"require_uppercase_characters": "uppercase letters",
	"require_lowercase_characters": "lowercase letters",
}

deny contains res if {
	some r in lib.resources("aws_iam_account_password_policy")
	some k, what in classes
	lib.false_or_missing(r.config, k)
	res := lib.result(r, ptr(r, k), sprintf("%s does not require %s (%s)", [r.name, what, k]))
}

ptr(r, k) := sprintf("/%s", [k]) if lib.has(r.config, k)

else := ""
