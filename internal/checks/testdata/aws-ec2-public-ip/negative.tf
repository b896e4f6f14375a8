variable "public" {
  type = bool
}

resource "aws_instance" "private" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_instance" "explicit" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
}

resource "aws_instance" "unknown" {
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  associate_public_ip_address = var.public
}

resource "aws_launch_template" "private" {
  image_id = "ami-12345678"

  network_interfaces {
    associate_public_ip_address = false
  }
}
