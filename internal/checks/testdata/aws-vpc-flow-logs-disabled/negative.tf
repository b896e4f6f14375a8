variable "flow_logs" {
  type = bool
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::example-flow-logs"
}

module "vpc" {
  source          = "terraform-aws-modules/vpc/aws"
  cidr            = "10.2.0.0/16"
  enable_flow_log = true
}

module "vpc_var" {
  source          = "terraform-aws-modules/vpc/aws"
  cidr            = "10.3.0.0/16"
  enable_flow_log = var.flow_logs
}

module "endpoints" {
  source = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  vpc_id = aws_vpc.main.id
}
