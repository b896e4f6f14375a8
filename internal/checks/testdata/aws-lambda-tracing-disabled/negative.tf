resource "aws_lambda_function" "traced" {
  function_name = "traced"
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  tracing_config {
    mode = "Active"
  }
}
