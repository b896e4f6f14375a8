variable "len" {
  type = number
}

resource "aws_iam_account_password_policy" "ok" {
  minimum_password_length = 16
}

resource "aws_iam_account_password_policy" "unknown" {
  minimum_password_length = var.len
}
