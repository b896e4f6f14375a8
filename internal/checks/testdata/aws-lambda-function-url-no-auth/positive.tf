resource "aws_lambda_function_url" "hook" {
  function_name      = "hook"
  # want
  authorization_type = "NONE"
}
