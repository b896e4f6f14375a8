variable "cidr" {}

resource "aws_db_security_group" "internal" {
  name = "internal"

  ingress {
    cidr = "10.0.0.0/8"
  }

  ingress {
    cidr = var.cidr
  }

  ingress {
    security_group_name = "app"
  }
}
