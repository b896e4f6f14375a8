variable "mfa" {}

resource "aws_cognito_user_pool" "totp" {
  name              = "totp"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}

resource "aws_cognito_user_pool" "sms" {
  name              = "sms"
  mfa_configuration = "OPTIONAL"

  sms_configuration {
    external_id    = "example"
    sns_caller_arn = "arn:aws:iam::123456789012:role/cognito-sms"
  }
}

resource "aws_cognito_user_pool" "unknown" {
  name              = "unknown"
  mfa_configuration = var.mfa
}
