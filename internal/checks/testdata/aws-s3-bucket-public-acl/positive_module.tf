module "public_site" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.1.0"

  bucket = "example-public-site"
  # want
  acl    = "public-read"
}
