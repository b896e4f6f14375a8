# want
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "abc123"
  deployment_id = "dep1"
  stage_name    = "prod"
}

# want
resource "aws_apigatewayv2_stage" "default" {
  api_id = "abc123"
  name   = "$default"
}
