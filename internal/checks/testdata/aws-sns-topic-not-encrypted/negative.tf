variable "key" {}

resource "aws_sns_topic" "managed" {
  name              = "managed"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_sns_topic" "unknown" {
  name              = "unknown"
  kms_master_key_id = var.key
}
