resource "aws_s3_bucket" "site" {
  bucket = "example-site"
  # want
  acl    = "public-read"
}

resource "aws_s3_bucket_acl" "uploads" {
  bucket = aws_s3_bucket.site.id
  # want
  acl    = "public-read-write"
}

variable "bucket_acl" {
  default = "authenticated-read"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
  # want
  acl    = var.bucket_acl
}
