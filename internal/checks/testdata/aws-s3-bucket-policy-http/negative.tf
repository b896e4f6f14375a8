variable "policy" {}

resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "tls_only" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/reader" }
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::example-data/*"
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
        Condition = { Bool = { "aws:SecureTransport" = false } }
      }
    ]
  })
}

resource "aws_s3_bucket_policy" "unknown" {
  bucket = aws_s3_bucket.data.id
  policy = var.policy
}

data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::example-data/*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]

  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::example-data"]
  }
}

resource "aws_s3_bucket_policy" "merged" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.merged.json
}

module "bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket                                = "example-module"
  attach_policy                         = true
  attach_deny_insecure_transport_policy = true
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "s3:GetObject", Resource = "*" }]
  })
}

resource "aws_s3_bucket" "no_policy" {
  bucket = "example-no-policy"
}
