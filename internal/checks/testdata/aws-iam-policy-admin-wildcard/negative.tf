variable "actions" {
  type = list(string)
}

resource "aws_iam_policy" "scoped" {
  name = "scoped"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*" },
      { Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::example-bucket/*" },
    ]
  })
}

resource "aws_iam_policy" "unknown" {
  name = "unknown"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}

data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}
