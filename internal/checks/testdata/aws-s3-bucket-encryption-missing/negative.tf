resource "aws_s3_bucket" "inline" {
  bucket = "example-inline"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket" "separate" {
  bucket = "example-separate"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "separate" {
  bucket = aws_s3_bucket.separate.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "by_name" {
  bucket = "example-by-name"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "example-by-name"

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
