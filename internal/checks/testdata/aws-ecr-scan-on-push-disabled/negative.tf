variable "scan" {
  type = bool
}

resource "aws_ecr_repository" "on" {
  name = "on"

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecr_repository" "unknown" {
  name = "unknown"

  image_scanning_configuration {
    scan_on_push = var.scan
  }
}
