resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      # want
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "heredoc" {
  role   = "ci"
  # want +5
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}
  ]
}
EOF
}

data "aws_iam_policy_document" "admin" {
  statement {
    # want
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_role" "inline" {
  name               = "inline"
  assume_role_policy = "{}"

  inline_policy {
    name = "all"
    policy = jsonencode({
      # want
      Statement = { Effect = "Allow", Action = "*", Resource = "*" }
    })
  }
}
