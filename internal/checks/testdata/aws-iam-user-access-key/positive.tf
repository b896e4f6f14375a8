resource "aws_iam_user" "ci" {
  name = "ci"
}

# want
resource "aws_iam_access_key" "ci" {
  user = aws_iam_user.ci.name
}

# want
resource "aws_iam_access_key" "pgp" {
  user    = aws_iam_user.ci.name
  pgp_key = "keybase:example"
}
