# want
resource "aws_iam_account_password_policy" "missing" {
  require_symbols = true
}
