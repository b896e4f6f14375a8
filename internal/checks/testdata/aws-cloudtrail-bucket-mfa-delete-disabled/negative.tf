variable "mfa" {}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "trail" {
  bucket = "example-trail"
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket = aws_s3_bucket.trail.id
  mfa    = var.mfa

  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_cloudtrail" "locked" {
  name           = "locked"
  s3_bucket_name = aws_s3_bucket.locked.id
}

resource "aws_s3_bucket" "locked" {
  bucket              = "example-locked"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "locked" {
  bucket = aws_s3_bucket.locked.id

  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

# Not a trail's bucket.
resource "aws_s3_bucket" "unrelated" {
  bucket = "example-unrelated"
}
