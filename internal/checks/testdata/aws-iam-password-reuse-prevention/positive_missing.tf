# want
resource "aws_iam_account_password_policy" "missing" {
  minimum_password_length = 14
}
