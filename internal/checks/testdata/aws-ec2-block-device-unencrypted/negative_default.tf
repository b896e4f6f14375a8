resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_instance" "app" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
  }
}
