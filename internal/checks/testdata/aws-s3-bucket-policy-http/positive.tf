resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "no_tls_rule" {
  bucket = aws_s3_bucket.data.id
  # want
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/reader" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-data/*"
    }]
  })
}

data "aws_iam_policy_document" "denies_https" {
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::example-doc/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

resource "aws_s3_bucket" "doc" {
  bucket = "example-doc"
  # want
  policy = data.aws_iam_policy_document.denies_https.json
}

module "bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket        = "example-module"
  attach_policy = true
  # want
  policy = <<POLICY
{
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-module/*",
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
}
POLICY
}
