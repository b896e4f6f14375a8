resource "aws_api_gateway_method" "get" {
  rest_api_id   = "abc123"
  resource_id   = "def456"
  http_method   = "GET"
  # want
  authorization = "NONE"
}

# want
resource "aws_apigatewayv2_route" "items" {
  api_id    = "abc123"
  route_key = "POST /items"
  target    = "integrations/xyz"
}

resource "aws_apigatewayv2_route" "connect" {
  api_id             = "abc123"
  route_key          = "$connect"
  # want
  authorization_type = "NONE"
}
