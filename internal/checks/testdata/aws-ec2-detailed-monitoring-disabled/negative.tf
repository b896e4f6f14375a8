variable "monitoring" {
  type = bool
}

resource "aws_instance" "on" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  monitoring    = true
}

resource "aws_instance" "unknown" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  monitoring    = var.monitoring
}

resource "aws_launch_template" "on" {
  image_id = "ami-12345678"

  monitoring {
    enabled = true
  }
}

resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.on.id
  }
}
