resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    # want
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["10.0.0.0/8"]
    # want
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_security_group_rule" "api" {
  type              = "ingress"
  from_port         = 8080
  to_port           = 8080
  protocol          = "tcp"
  # want
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.web.id
}

resource "aws_vpc_security_group_ingress_rule" "api6" {
  security_group_id = aws_security_group.web.id
  from_port         = 8080
  to_port           = 8080
  ip_protocol       = "tcp"
  # want
  cidr_ipv6         = "0:0:0:0:0:0:0:0/0"
}

module "sg" {
  source = "terraform-aws-modules/security-group/aws"

  # want
  ingress_cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  ingress_rules       = ["https-443-tcp"]

  ingress_with_cidr_blocks = [
    {
      from_port   = 8443
      to_port     = 8443
      protocol    = "tcp"
      # want
      cidr_blocks = "10.0.0.0/8,0.0.0.0/0"
    },
  ]
}
