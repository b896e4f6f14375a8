resource "aws_s3_bucket" "log_sink" {
  bucket = "example-log-sink"
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket" "inline" {
  bucket = "example-inline"

  logging {
    target_bucket = aws_s3_bucket.log_sink.id
    target_prefix = "inline/"
  }
}

resource "aws_s3_bucket" "separate" {
  bucket = "example-separate"
}

resource "aws_s3_bucket_logging" "separate" {
  bucket        = aws_s3_bucket.separate.id
  target_bucket = aws_s3_bucket.log_sink.id
  target_prefix = "separate/"
}

resource "aws_s3_bucket" "sink_by_acl" {
  bucket = "example-sink-by-acl"
}

resource "aws_s3_bucket_acl" "sink_by_acl" {
  bucket = aws_s3_bucket.sink_by_acl.id
  acl    = "log-delivery-write"
}
