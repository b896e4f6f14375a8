# want
resource "aws_cloudtrail" "missing" {
  name           = "missing"
  s3_bucket_name = "example-trail"
}

resource "aws_cloudtrail" "empty" {
  name           = "empty"
  s3_bucket_name = "example-trail"
  # want
  kms_key_id     = ""
}
