resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:api"
    format          = "$context.requestId"
  }
}
