resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
    # want
    encrypted   = false
  }

  # want
  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
  }
}

resource "aws_launch_template" "app" {
  image_id = "ami-12345678"

  block_device_mappings {
    device_name = "/dev/xvda"

    # want
    ebs {
      volume_size = 20
    }
  }
}
