resource "aws_security_group" "db" {
  name = "db"

  # want
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# want
resource "aws_security_group_rule" "mysql" {
  type              = "ingress"
  from_port         = 3306
  to_port           = 3306
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.db.id
}

# want
resource "aws_vpc_security_group_ingress_rule" "redis" {
  security_group_id = aws_security_group.db.id
  from_port         = 6000
  to_port           = 7000
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

module "db_sg" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_cidr_blocks = ["0.0.0.0/0"]
  # want
  ingress_rules       = ["https-443-tcp", "mongodb-27017-tcp"]
}
