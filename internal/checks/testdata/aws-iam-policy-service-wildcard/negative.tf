resource "aws_iam_policy" "s3" {
  name = "s3"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["s3:*"], Resource = "arn:aws:s3:::example-bucket/*" },
      { Effect = "Allow", Action = ["s3:Get*"], Resource = "*" },
    ]
  })
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
