resource "aws_security_group" "bastion" {
  name = "bastion"

  # want
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # want
  ingress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    ipv6_cidr_blocks = ["::/0"]
  }
}

# want
resource "aws_security_group_rule" "ssh_range" {
  type              = "ingress"
  from_port         = 20
  to_port           = 30
  protocol          = "6"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.bastion.id
}

# want
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  security_group_id = aws_security_group.bastion.id
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

# want
module "ssh_sg" {
  source              = "terraform-aws-modules/security-group/aws//modules/ssh"
  ingress_cidr_blocks = ["0.0.0.0/0"]
}

module "named" {
  source              = "terraform-aws-modules/security-group/aws"
  ingress_cidr_blocks = ["::/0"]
  # want
  ingress_rules       = ["ssh-tcp"]
}

module "objects" {
  source = "terraform-aws-modules/security-group/aws"

  ingress_with_cidr_blocks = [
    # want
    {
      rule        = "ssh-tcp"
      cidr_blocks = "0.0.0.0/0"
    },
  ]
}
