# want
resource "aws_ecr_repository" "missing" {
  name                 = "missing"
  image_tag_mutability = "IMMUTABLE"
}

resource "aws_ecr_repository" "off" {
  name                 = "off"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    # want
    scan_on_push = false
  }
}
