resource "aws_security_group" "windows" {
  name = "windows"

  # want
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# want
resource "aws_vpc_security_group_ingress_rule" "rdp_udp" {
  security_group_id = aws_security_group.windows.id
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "udp"
  cidr_ipv6         = "::/0"
}

# want
module "rdp" {
  source              = "terraform-aws-modules/security-group/aws//modules/rdp"
  version             = "~> 5.0"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}
