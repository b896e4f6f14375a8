# want
resource "aws_iam_group" "helpdesk" {
  name = "helpdesk"
}

resource "aws_iam_group_policy" "helpdesk" {
  name  = "helpdesk"
  group = aws_iam_group.helpdesk.name
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "iam:UpdateLoginProfile", Resource = "*" }]
  })
}

# want
resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = "{}"
}

resource "aws_iam_policy" "ops" {
  name   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}

data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["iam:*LoginProfile"]
    resources = ["arn:aws:iam::123456789012:user/*"]
  }
}

resource "aws_iam_role_policy_attachment" "ops" {
  role       = aws_iam_role.ops.name
  policy_arn = aws_iam_policy.ops.arn
}

resource "aws_iam_user_policy" "external" {
  name = "external"
  user = "someone-elsewhere"
  policy = jsonencode({
    # want
    Statement = [{ Effect = "Allow", Action = "iam:CreateLoginProfile", Resource = "*" }]
  })
}
