variable "flag" {
  type = bool
}

resource "aws_cloudtrail" "on" {
  name           = "main"
  s3_bucket_name = "example-trail"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "unknown" {
  name           = "main"
  s3_bucket_name = "example-trail"
  is_multi_region_trail = var.flag
}
