resource "aws_lambda_permission" "open" {
  statement_id  = "open"
  action        = "lambda:InvokeFunction"
  function_name = "hook"
  # want
  principal     = "*"
}
