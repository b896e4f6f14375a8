# want
resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length      = 14
  # want
  require_symbols              = false
  require_numbers              = true
  require_uppercase_characters = true
}
