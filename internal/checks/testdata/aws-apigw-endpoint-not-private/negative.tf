variable "types" {
  type = list(string)
}

resource "aws_api_gateway_rest_api" "private" {
  name = "private"

  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0123456789abcdef0"]
  }
}

resource "aws_api_gateway_rest_api" "unknown" {
  name = "unknown"

  endpoint_configuration {
    types = var.types
  }
}
