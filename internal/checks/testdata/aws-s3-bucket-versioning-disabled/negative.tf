variable "versioned" {
  type = bool
}

resource "aws_s3_bucket" "inline" {
  bucket = "example-inline"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "separate" {
  bucket = "example-separate"
}

resource "aws_s3_bucket_versioning" "separate" {
  bucket = aws_s3_bucket.separate.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "unknown" {
  bucket = "example-unknown"

  versioning {
    enabled = var.versioned
  }
}

module "bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket = "example-module"
  versioning = {
    enabled = true
  }
}
