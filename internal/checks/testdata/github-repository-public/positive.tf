resource "github_repository" "visible" {
  name       = "visible"
  # want
  visibility = "public"
}

resource "github_repository" "legacy" {
  name    = "legacy"
  # want
  private = false
}

# want
resource "github_repository" "default" {
  name        = "default"
  description = "No visibility set"
}
