variable "public" {
  type = bool
}

resource "aws_subnet" "private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}

resource "aws_subnet" "explicit" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.3.0/24"
  map_public_ip_on_launch = false
}

resource "aws_subnet" "unknown" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.4.0/24"
  map_public_ip_on_launch = var.public
}

resource "aws_default_subnet" "b" {
  availability_zone       = "us-east-1b"
  map_public_ip_on_launch = false
}
