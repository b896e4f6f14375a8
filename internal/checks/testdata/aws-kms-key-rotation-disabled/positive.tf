# want
resource "aws_kms_key" "missing" {
  description = "missing"
}

resource "aws_kms_key" "off" {
  description         = "off"
  # want
  enable_key_rotation = false
}
