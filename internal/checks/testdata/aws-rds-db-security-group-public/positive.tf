resource "aws_db_security_group" "open" {
  name = "open"

  ingress {
    cidr = "10.0.0.0/8"
  }

  ingress {
    # want
    cidr = "0.0.0.0/0"
  }
}
