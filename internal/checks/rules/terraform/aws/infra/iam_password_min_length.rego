# METADATA
# title: IAM password policy allows short passwords
# description: |
#   Without minimum_password_length, or with fewer than 14 characters, IAM
#   users may choose passwords short enough to be guessed or cracked
#   quickly. CIS requires at least 14.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: aws-iam-password-min-length
#   severity: medium
#   kind: terraform
#   resources: [aws_iam_account_password_policy]
#   cwe: [CWE-521]
#   remediation: Set minimum_password_length = 14 (or more) on aws_iam_account_password_policy.
#   related:
#     checkov: [CKV_AWS_10]
#     trivy: [AVD-AWS-0063]
package ward.checks.aws_iam_password_min_length

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_iam_account_password_policy")
	lib.missing(r.config, "minimum_password_length")
	res := lib.result(r, "", sprintf("%s does not set minimum_password_length (AWS default is 8)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_iam_account_password_policy")
	n := r.config.minimum_password_length
	is_number(n)
	n < 14
	res := lib.result(r, "/minimum_password_length", sprintf("%s allows passwords of %v characters (14 recommended)", [r.name, n]))
}
