resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# want
resource "aws_s3_bucket" "trail" {
  bucket = "example-trail"
}

resource "aws_cloudtrail" "by_name" {
  name           = "by-name"
  s3_bucket_name = "example-trail-module"
}

# want
module "trail_bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"
  bucket = "example-trail-module"
}
