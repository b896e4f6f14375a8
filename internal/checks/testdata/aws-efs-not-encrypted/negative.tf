variable "encrypted" {
  type = bool
}

resource "aws_efs_file_system" "on" {
  creation_token = "on"
  encrypted      = true
}

resource "aws_efs_file_system" "unknown" {
  creation_token = "unknown"
  encrypted      = var.encrypted
}
