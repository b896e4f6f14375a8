resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    # want
    Statement = [{ Effect = "Allow", Action = ["ec2:RunInstances", "iam:PassRole"], Resource = "*" }]
  })
}

data "aws_iam_policy_document" "ci" {
  statement {
    # want
    actions   = ["iam:Pass*"]
    resources = ["*"]
  }
}
