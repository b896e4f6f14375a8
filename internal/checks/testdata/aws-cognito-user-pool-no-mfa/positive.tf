# want
resource "aws_cognito_user_pool" "unset" {
  name = "unset"
}

resource "aws_cognito_user_pool" "off" {
  name              = "off"
  # want
  mfa_configuration = "OFF"
}

# want
resource "aws_cognito_user_pool" "no_factor" {
  name              = "no-factor"
  mfa_configuration = "ON"
}
