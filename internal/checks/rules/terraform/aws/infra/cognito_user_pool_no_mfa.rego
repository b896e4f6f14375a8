# METADATA
# title: Cognito user pool does not enforce multi-factor authentication
# description: |
#   With mfa_configuration unset or "OFF", or set without any second
#   factor configured (SMS or software token), users sign in with a password
#   alone, so phished, reused or guessed passwords give full access to
#   their accounts.
# related_resources:
#   - https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
# custom:
#   id: aws-cognito-user-pool-no-mfa
#   severity: medium
#   kind: terraform
#   resources: [aws_cognito_user_pool]
#   cwe: [CWE-308]
#   remediation: Set mfa_configuration = "ON" (or "OPTIONAL") and configure software_token_mfa_configuration { enabled = true } and/or sms_configuration.
#   related:
#     kics: [ec28bf61-a474-4dbe-b414-6dd3a067d6f0]
package ward.checks.aws_cognito_user_pool_no_mfa

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_cognito_user_pool")
	lib.missing(r.config, "mfa_configuration")
	res := lib.result(r, "", sprintf("%s does not set mfa_configuration (MFA is off by default)", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_cognito_user_pool")
	r.config.mfa_configuration == "OFF"
	res := lib.result(r, "/mfa_configuration", sprintf("%s turns MFA off", [r.name]))
}

deny contains res if {
	some r in lib.resources("aws_cognito_user_pool")
	r.config.mfa_configuration in {"ON", "OPTIONAL"}
	not second_factor(r.config)
	res := lib.result(r, "", sprintf("%s enables MFA (%s) but configures no second factor (sms_configuration, software_token_mfa_configuration)", [r.name, r.config.mfa_configuration]))
}

second_factor(cfg) if count(lib.blocks(cfg, "sms_configuration")) > 0

second_factor(cfg) if not lib.is_false(object.get(lib.block(cfg, "software_token_mfa_configuration"), "enabled", true))

second_factor(cfg) if count(lib.blocks(cfg, "email_mfa_configuration")) > 0
