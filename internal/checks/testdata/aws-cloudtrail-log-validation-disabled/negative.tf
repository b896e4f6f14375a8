variable "flag" {
  type = bool
}

resource "aws_cloudtrail" "on" {
  name           = "main"
  s3_bucket_name = "example-trail"
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "unknown" {
  name           = "main"
  s3_bucket_name = "example-trail"
  enable_log_file_validation = var.flag
}
