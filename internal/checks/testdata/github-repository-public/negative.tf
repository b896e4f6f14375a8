variable "visibility" {}

resource "github_repository" "private" {
  name       = "private"
  visibility = "private"
}

resource "github_repository" "internal" {
  name       = "internal"
  visibility = "internal"
}

resource "github_repository" "legacy" {
  name    = "legacy"
  private = true
}

resource "github_repository" "unknown" {
  name       = "unknown"
  visibility = var.visibility
}
