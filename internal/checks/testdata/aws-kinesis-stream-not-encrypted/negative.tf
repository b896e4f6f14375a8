variable "encryption_type" {}

resource "aws_kinesis_stream" "kms" {
  name            = "kms"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_kinesis_stream" "unknown" {
  name            = "unknown"
  shard_count     = 1
  encryption_type = var.encryption_type
}
