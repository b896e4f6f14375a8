resource "aws_kms_key" "open" {
  description         = "open"
  enable_key_rotation = true
  # want
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Everyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

data "aws_iam_policy_document" "decrypt" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key_policy" "decrypt" {
  key_id = aws_kms_key.open.id
  # want
  policy = data.aws_iam_policy_document.decrypt.json
}
