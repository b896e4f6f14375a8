variable "encrypted" {
  type = bool
}

resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = var.encrypted
  }

  ebs_block_device {
    device_name = "/dev/sdg"
    snapshot_id = "snap-0123456789abcdef0"
  }
}

resource "aws_instance" "no_blocks" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
}
