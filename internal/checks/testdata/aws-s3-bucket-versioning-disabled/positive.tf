# want
resource "aws_s3_bucket" "missing" {
  bucket = "example-missing"
}

resource "aws_s3_bucket" "inline_off" {
  bucket = "example-inline-off"

  versioning {
    # want
    enabled = false
  }
}

resource "aws_s3_bucket" "suspended" {
  bucket = "example-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id

  versioning_configuration {
    # want
    status = "Suspended"
  }
}

module "bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket = "example-module"
  versioning = {
    # want
    enabled = false
  }
}
