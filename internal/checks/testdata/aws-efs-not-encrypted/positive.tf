# want
resource "aws_efs_file_system" "missing" {
  creation_token = "missing"
}

resource "aws_efs_file_system" "off" {
  creation_token = "off"
  # want
  encrypted      = false
}
