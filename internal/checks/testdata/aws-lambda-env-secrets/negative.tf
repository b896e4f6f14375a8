variable "token" {
  sensitive = true
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = "arn:aws:iam::123456789012:role/fn"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "fn.zip"

  environment {
    variables = {
      STAGE              = "prod"
      SLACK_TOKEN        = var.token
      DB_SECRET_ARN      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"
      API_KEY_PARAMETER  = "/app/api-key"
    }
  }
}
