# want
resource "aws_cloudtrail" "missing" {
  name           = "main"
  s3_bucket_name = "example-trail"
}

resource "aws_cloudtrail" "off" {
  name           = "main"
  s3_bucket_name = "example-trail"
  # want
  is_multi_region_trail = false
}
