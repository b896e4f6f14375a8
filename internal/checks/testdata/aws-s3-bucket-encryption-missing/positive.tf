# want
resource "aws_s3_bucket" "plain" {
  bucket = "example-plain"
}

resource "aws_s3_bucket" "other" {
  bucket = "example-other"
}

# Configures another bucket, not aws_s3_bucket.plain.
resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = aws_s3_bucket.other.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
