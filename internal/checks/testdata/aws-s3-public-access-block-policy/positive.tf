resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "explicit_off" {
  bucket = aws_s3_bucket.data.id

  block_public_acls       = true
  ignore_public_acls      = true
  restrict_public_buckets = true
  # want
  block_public_policy = false
}

# want
resource "aws_s3_account_public_access_block" "account_default_off" {
  block_public_acls       = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# want
module "old_module_default" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "3.7.0"

  bucket = "example-old-module"
}

module "module_off" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket = "example-module-off"
  # want
  block_public_policy = false
}
