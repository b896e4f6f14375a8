resource "aws_iam_user" "self" {
  name = "self"
}

resource "aws_iam_user_policy" "self" {
  name = "self"
  user = aws_iam_user.self.name
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "iam:UpdateLoginProfile", Resource = "arn:aws:iam::123456789012:user/self" },
      { Effect = "Allow", Action = "ec2:Describe*", Resource = "*" },
    ]
  })
}

resource "aws_iam_group" "denied" {
  name = "denied"
}

resource "aws_iam_group_policy" "denied" {
  name  = "denied"
  group = aws_iam_group.denied.name
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "iam:*", Resource = "*" },
      { Effect = "Deny", Action = "iam:*LoginProfile", Resource = "*" },
    ]
  })
}
