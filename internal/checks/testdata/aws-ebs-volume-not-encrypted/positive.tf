# want
resource "aws_ebs_volume" "missing" {
  availability_zone = "us-east-1a"
  size              = 40
}

resource "aws_ebs_volume" "off" {
  availability_zone = "us-east-1a"
  size              = 40
  # want
  encrypted         = false
}
