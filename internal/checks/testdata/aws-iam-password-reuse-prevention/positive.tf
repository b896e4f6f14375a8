resource "aws_iam_account_password_policy" "low" {
  minimum_password_length = 14
  # want
  password_reuse_prevention = 5
}
