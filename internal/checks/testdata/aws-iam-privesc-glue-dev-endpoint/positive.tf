# want
resource "aws_iam_role" "etl" {
  name               = "etl"
  assume_role_policy = "{}"
}

resource "aws_iam_role_policy" "etl" {
  name = "etl"
  role = aws_iam_role.etl.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = ["glue:Update*"], Resource = "*" }]
  })
}

# want
resource "aws_iam_user" "analyst" {
  name = "analyst"
}

resource "aws_iam_policy" "glue" {
  name = "glue"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", NotAction = ["iam:*", "s3:*"], Resource = "*" }]
  })
}

resource "aws_iam_policy_attachment" "glue" {
  name       = "glue"
  users      = [aws_iam_user.analyst.name]
  policy_arn = aws_iam_policy.glue.arn
}
