variable "auth" {}

resource "aws_lambda_function_url" "iam" {
  function_name      = "hook"
  authorization_type = "AWS_IAM"
}

resource "aws_lambda_function_url" "unknown" {
  function_name      = "hook"
  authorization_type = var.auth
}
