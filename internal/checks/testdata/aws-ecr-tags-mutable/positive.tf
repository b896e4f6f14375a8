# want
resource "aws_ecr_repository" "default" {
  name = "default"
}

resource "aws_ecr_repository" "mutable" {
  name                 = "mutable"
  # want
  image_tag_mutability = "MUTABLE"
}
