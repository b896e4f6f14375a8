resource "aws_iam_role" "etl" {
  name               = "etl"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "etl" {
  name = "etl"
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["glue:GetDevEndpoint", "glue:StartJobRun"], Resource = "*" },
      { Effect = "Allow", Action = "glue:UpdateDevEndpoint", Resource = "arn:aws:glue:us-east-1:123456789012:devEndpoint/mine" },
    ]
  })
}

resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
