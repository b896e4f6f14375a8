resource "aws_ec2_instance_metadata_defaults" "imdsv2" {
  http_tokens = "required"
}

resource "aws_instance" "inherits" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_launch_template" "lt" {
  image_id = "ami-12345678"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.lt.id
  }
}
