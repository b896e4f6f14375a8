resource "aws_security_group" "app" {
  name = "app"

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    # want
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_egress_rule" "all6" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  # want
  cidr_ipv6         = "::/0"
}

resource "aws_security_group_rule" "all" {
  type              = "egress"
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  # want
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.app.id
}
