resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# want
resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id       = aws_vpc.main.id
  service_name = "com.amazonaws.us-east-1.dynamodb"
}

# want
resource "aws_vpc_endpoint" "dynamodb_empty" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = []
}
