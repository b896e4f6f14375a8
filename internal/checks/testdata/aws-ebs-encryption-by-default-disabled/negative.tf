variable "enabled" {
  type = bool
}

resource "aws_ebs_encryption_by_default" "default" {}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_ebs_encryption_by_default" "unknown" {
  enabled = var.enabled
}
