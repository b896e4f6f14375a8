variable "mutability" {}

resource "aws_ecr_repository" "immutable" {
  name                 = "immutable"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "unknown" {
  name                 = "unknown"
  image_tag_mutability = var.mutability
}
