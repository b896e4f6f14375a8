# want
resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  name = "dev"
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["iam:PutUserPolicy"], Resource = "*" }]
  })
}

# want
resource "aws_iam_role" "deployer" {
  name               = "deployer"
  assume_role_policy = "{}"

  inline_policy {
    name = "iam"
    policy = jsonencode({
      Statement = [{ Effect = "Allow", Action = "iam:Attach*", Resource = "*" }]
    })
  }
}

resource "aws_iam_policy" "unattached" {
  name = "unattached"
  policy = jsonencode({
    # want
    Statement = [{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = "*" }]
  })
}
