resource "aws_ebs_volume" "scratch" {
  size = 10
  encrypted = = true
}
