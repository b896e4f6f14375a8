resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/example"
  security_policy = "TLS_1_2"
}

resource "aws_apigatewayv2_domain_name" "api2" {
  domain_name = "api2.example.com"

  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/example"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}
