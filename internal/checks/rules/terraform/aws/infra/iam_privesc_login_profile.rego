# METADATA
# title: IAM principal can set other users' console passwords
# description: |
#   iam:CreateLoginProfile and iam:UpdateLoginProfile on any user let the
#   holder set a console password for another IAM user, including an
#   administrator without one, then sign in as that user: a privilege
#   escalation path that needs nothing else.
# related_resources:
#   - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html
# custom:
#   id: aws-iam-privesc-login-profile
#   severity: medium
#   kind: terraform
#   resources: [aws_iam_user, aws_iam_group, aws_iam_role, aws_iam_policy, aws_iam_user_policy, aws_iam_group_policy, aws_iam_role_policy]
#   cwe: [CWE-269]
#   remediation: Remove iam:CreateLoginProfile and iam:UpdateLoginProfile, or restrict them to the principal's own user ARN (arn:aws:iam::<account>:user/${aws:username}).
#   related:
#     kics: [04c686f1-e0cd-4812-88e1-4e038410074c, ad296c0d-8131-4d6b-b030-1b0e73a99ad3, 9a205ba3-0dd1-42eb-8d54-2ffec836b51a, 35ccf766-0e4d-41ed-9ec4-2dab155082b4]
package ward.checks.aws_iam_privesc_login_profile

import rego.v1

import data.ward.lib.aws_infra as iam

deny contains res if {
	some res in iam.escalation_hits(["iam:CreateLoginProfile", "iam:UpdateLoginProfile"], "set console passwords of other users")
}
