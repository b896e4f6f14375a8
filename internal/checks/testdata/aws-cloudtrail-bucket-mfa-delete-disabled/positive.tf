resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# want
resource "aws_s3_bucket" "trail" {
  bucket = "example-trail"
}

resource "aws_cloudtrail" "second" {
  name           = "second"
  s3_bucket_name = aws_s3_bucket.second.id
}

resource "aws_s3_bucket" "second" {
  bucket = "example-second"
}

resource "aws_s3_bucket_versioning" "second" {
  bucket = aws_s3_bucket.second.id

  versioning_configuration {
    status = "Enabled"
    # want
    mfa_delete = "Disabled"
  }
}

resource "aws_cloudtrail" "inline" {
  name           = "inline"
  s3_bucket_name = aws_s3_bucket.inline.id
}

resource "aws_s3_bucket" "inline" {
  bucket = "example-inline"

  # want
  versioning {
    enabled = true
  }
}
