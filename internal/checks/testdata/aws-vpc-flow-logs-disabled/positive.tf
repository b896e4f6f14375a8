# want
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "logged" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "logged" {
  vpc_id          = aws_vpc.logged.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::example-flow-logs"
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.2.0.0/16"
  # want
  enable_flow_log = false
}

# want
module "vpc2" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.3.0.0/16"
}
