variable "kms_key_id" {}

resource "aws_kms_key" "trail" {
  description         = "trail logs"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "ref" {
  name           = "ref"
  s3_bucket_name = "example-trail"
  kms_key_id     = aws_kms_key.trail.arn
}

resource "aws_cloudtrail" "var" {
  name           = "var"
  s3_bucket_name = "example-trail"
  kms_key_id     = var.kms_key_id
}
