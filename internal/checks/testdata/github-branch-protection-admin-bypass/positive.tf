resource "github_branch_protection" "main" {
  repository_id  = github_repository.example.node_id
  pattern        = "main"
  # want
  enforce_admins = false
}

# want
resource "github_branch_protection_v3" "release" {
  repository = "example"
  branch     = "release"
}
