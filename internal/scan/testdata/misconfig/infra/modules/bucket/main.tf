variable "acl" {}

resource "aws_s3_bucket" "this" {
  bucket = "b"
  acl    = var.acl
}
