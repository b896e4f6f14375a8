resource "aws_iam_role_policy_attachment" "ci" {
  role       = "ci"
  # want
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role" "legacy" {
  name               = "legacy"
  assume_role_policy = "{}"
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    # want
    "arn:aws:iam::aws:policy/AdministratorAccess",
  ]
}
