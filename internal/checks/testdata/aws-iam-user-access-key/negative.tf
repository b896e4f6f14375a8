resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_access_key" "old" {
  user   = aws_iam_user.ci.name
  status = "Inactive"
}
