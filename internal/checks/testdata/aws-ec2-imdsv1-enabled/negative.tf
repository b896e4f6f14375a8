variable "tokens" {}

resource "aws_instance" "required" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_instance" "disabled" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "disabled"
    http_tokens   = "optional"
  }
}

resource "aws_launch_configuration" "unknown" {
  image_id      = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = var.tokens
  }
}

module "ec2_v6" {
  source  = "terraform-aws-modules/ec2-instance/aws"
  version = "~> 6.0"

  metadata_options = {
    http_endpoint = "enabled"
  }
}

module "asg_v9" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "~> 9.0"
}
