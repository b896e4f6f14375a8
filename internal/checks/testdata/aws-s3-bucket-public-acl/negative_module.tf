module "private" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket = "example-private"
  acl    = "private"
}

module "other" {
  source = "example-org/website/aws"
  acl    = "public-read"
}
