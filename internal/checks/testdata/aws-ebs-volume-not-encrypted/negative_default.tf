resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_volume" "implicit" {
  availability_zone = "us-east-1a"
  size              = 40
}
