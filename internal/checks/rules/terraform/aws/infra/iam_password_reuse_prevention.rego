# METADATA
# title: IAM password policy allows reusing recent passwords
# description: |
#   Without password_reuse_prevention (or with fewer than 24 remembered
#   passwords) users can cycle back to a password that has already leaked,
#   defeating forced changes after an incident.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: aws-iam-password-reuse-prevention
#   severity: low
#   kind: terraform
#   resources: [aws_iam_account_password_policy]
#   cwe: [CWE-521]
#   remediation: Set password_reuse_prevention = 24 on aws_iam_account_password_policy.
#   related:
#     kics: [89806cdc-9c2e-4bd1-a0dc-53f339bcfb2a]
#     checkov: [CKV_AWS_13]
#     trivy: [AVD-AWS-0056]
package ward.checks.aws_iam_password_reuse_prevention

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_iam_account_password_policy")
	lib.missing(r.config, "password_reuse_prevention")
	res := lib.result(r, "", sprintf("%s does not set password_reuse_prevention", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_iam_account_password_policy")
	n := r.config.password_reuse_prevention
	is_number(n)
	n < 24
	res := lib.result(r, "/password_reuse_prevention", sprintf("%s remembers only %v previous passwords (24 recommended)", [r.name, n]))
}
