variable "enforce" {}

resource "github_branch_protection" "main" {
  repository_id  = github_repository.example.node_id
  pattern        = "main"
  enforce_admins = true
}

resource "github_branch_protection" "unknown" {
  repository_id  = github_repository.example.node_id
  pattern        = "develop"
  enforce_admins = var.enforce
}
