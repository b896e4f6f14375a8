resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  # want
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-site/*"
    }]
  })
}

resource "aws_s3_bucket" "inline" {
  bucket = "example-inline"
  # want
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": ["*"]},
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::example-inline/*",
      "Condition": {"Bool": {"aws:SecureTransport": "true"}}
    }
  ]
}
POLICY
}

data "aws_iam_policy_document" "open" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::example-doc"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket" "doc" {
  bucket = "example-doc"
}

resource "aws_s3_bucket_policy" "doc" {
  bucket = aws_s3_bucket.doc.id
  # want
  policy = data.aws_iam_policy_document.open.json
}

module "bucket" {
  source = "terraform-aws-modules/s3-bucket/aws"

  bucket        = "example-module"
  attach_policy = true
  # want
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*" }]
  })
}
