resource "aws_security_group" "wide" {
  name = "wide"

  # want
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # want
  ingress {
    from_port        = 0
    to_port          = 65535
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

# want
resource "aws_vpc_security_group_ingress_rule" "all" {
  security_group_id = aws_security_group.wide.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

module "sg" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  # want
  ingress_rules       = ["all-all"]
}
