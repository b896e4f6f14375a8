resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      # want
      Principal = { AWS = "*" }
    }]
  })
}

resource "aws_iam_role" "star" {
  name = "star"
  # want +2
  assume_role_policy = <<EOF
{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"}]}
EOF
}

data "aws_iam_policy_document" "trust" {
  # want
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::*:root"]
    }
  }
}
