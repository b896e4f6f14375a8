resource "aws_api_gateway_rest_api" "regional" {
  name = "regional"

  endpoint_configuration {
    # want
    types = ["REGIONAL"]
  }
}

# want
resource "aws_api_gateway_rest_api" "default" {
  name = "default"
}
