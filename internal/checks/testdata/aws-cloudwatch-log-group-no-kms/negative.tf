variable "key" {}

resource "aws_cloudwatch_log_group" "keyed" {
  name       = "keyed"
  kms_key_id = aws_kms_key.logs.arn
}

resource "aws_cloudwatch_log_group" "var" {
  name       = "var"
  kms_key_id = var.key
}

resource "aws_kms_key" "logs" {
  enable_key_rotation = true
}
