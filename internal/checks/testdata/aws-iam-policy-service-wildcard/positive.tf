resource "aws_iam_policy" "s3" {
  name = "s3"
  policy = jsonencode({
    # want
    Statement = [{ Effect = "Allow", Action = ["s3:*", "ec2:DescribeInstances"], Resource = "*" }]
  })
}

data "aws_iam_policy_document" "iam" {
  statement {
    # want
    actions   = ["iam:*"]
    resources = ["*"]
  }
}
