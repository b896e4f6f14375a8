resource "aws_iam_user" "dev" {
  name = "dev"
}

resource "aws_iam_user_policy" "dev" {
  name   = "dev"
  # want
  user   = aws_iam_user.dev.name
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }] })
}

resource "aws_iam_user_policy_attachment" "dev" {
  # want
  user       = aws_iam_user.dev.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  # want
  users      = [aws_iam_user.dev.name]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
