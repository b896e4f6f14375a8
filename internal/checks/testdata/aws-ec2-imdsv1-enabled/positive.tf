# want
resource "aws_instance" "missing" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}

resource "aws_instance" "optional" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    # want
    http_tokens   = "optional"
  }
}

resource "aws_launch_template" "no_tokens" {
  image_id = "ami-12345678"

  # want
  metadata_options {
    http_endpoint = "enabled"
  }
}

module "asg" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "~> 8.0"

  # want
  metadata_options = {
    http_endpoint = "enabled"
  }
}

# want
module "asg_default" {
  source  = "terraform-aws-modules/autoscaling/aws"
  version = "7.4.0"
}

module "ec2" {
  source = "terraform-aws-modules/ec2-instance/aws"

  metadata_options = {
    # want
    http_tokens = "optional"
  }
}
