resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "trail" {
  bucket = "example-trail"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = "example-access-logs"
  target_prefix = "trail/"
}

resource "aws_cloudtrail" "module" {
  name           = "module"
  s3_bucket_name = module.trail_bucket.s3_bucket_id
}

module "trail_bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "example-trail-module"

  logging = {
    target_bucket = "example-access-logs"
    target_prefix = "module/"
  }
}

# Not a trail's bucket.
resource "aws_s3_bucket" "unrelated" {
  bucket = "example-unrelated"
}
