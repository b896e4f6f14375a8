resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  name = "dev"
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["iam:Get*", "iam:List*"], Resource = "*" },
      { Effect = "Allow", Action = ["iam:PutUserPolicy"], Resource = "arn:aws:iam::123456789012:user/dev" },
    ]
  })
}

resource "aws_iam_policy_attachment" "nothing" {
  name  = "nothing"
  users = [aws_iam_user.dev.name]
}
