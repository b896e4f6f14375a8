resource "aws_ebs_volume" "data" {
  size      = 20
  encrypted = false
}
