variable "acl" {}

resource "aws_s3_bucket" "private" {
  bucket = "example-private"
  acl    = "private"
}

resource "aws_s3_bucket" "unset" {
  bucket = "example-unset"
}

resource "aws_s3_bucket_acl" "unknown" {
  bucket = aws_s3_bucket.unset.id
  acl    = var.acl
}
