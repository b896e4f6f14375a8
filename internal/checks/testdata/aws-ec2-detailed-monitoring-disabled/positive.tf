# want
resource "aws_instance" "missing" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_instance" "off" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  # want
  monitoring    = false
}

resource "aws_launch_template" "off" {
  image_id = "ami-12345678"

  # want
  monitoring {
    enabled = false
  }
}
