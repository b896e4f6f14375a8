resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  environment {
    variables = {
      STAGE          = "prod"
      # want
      SLACK_TOKEN    = "placeholder-value"
    }
  }
}
