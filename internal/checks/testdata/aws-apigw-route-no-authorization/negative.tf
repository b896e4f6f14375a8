resource "aws_api_gateway_method" "options" {
  rest_api_id   = "abc123"
  resource_id   = "def456"
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "key" {
  rest_api_id      = "abc123"
  resource_id      = "def456"
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

resource "aws_api_gateway_method" "iam" {
  rest_api_id   = "abc123"
  resource_id   = "def456"
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_apigatewayv2_route" "jwt" {
  api_id             = "abc123"
  route_key          = "GET /items"
  authorization_type = "JWT"
  authorizer_id      = "auth1"
}

resource "aws_apigatewayv2_route" "ws_message" {
  api_id    = "abc123"
  route_key = "sendmessage"
}
