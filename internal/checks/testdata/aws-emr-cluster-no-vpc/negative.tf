resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.1.0/24"
}

resource "aws_emr_cluster" "vpc" {
  name          = "vpc"
  release_label = "emr-6.15.0"
  service_role  = "EMR_DefaultRole"

  ec2_attributes {
    subnet_id        = aws_subnet.private.id
    instance_profile = "EMR_EC2_DefaultRole"
  }
}
