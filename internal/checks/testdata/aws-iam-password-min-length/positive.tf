resource "aws_iam_account_password_policy" "short" {
  # want
  minimum_password_length = 8
}
