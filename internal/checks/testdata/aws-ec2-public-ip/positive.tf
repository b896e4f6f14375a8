resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  # want
  associate_public_ip_address = true
}

resource "aws_launch_template" "web" {
  image_id = "ami-12345678"

  network_interfaces {
    # want
    associate_public_ip_address = true
  }
}

resource "aws_launch_configuration" "web" {
  image_id      = "ami-12345678"
  instance_type = "t3.micro"
  # want
  associate_public_ip_address = "true"
}
