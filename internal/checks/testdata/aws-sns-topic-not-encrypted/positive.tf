# want
resource "aws_sns_topic" "missing" {
  name = "missing"
}

resource "aws_sns_topic" "empty" {
  name              = "empty"
  # want
  kms_master_key_id = ""
}
