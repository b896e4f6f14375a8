# want
resource "github_branch_protection" "main" {
  repository_id  = github_repository.example.node_id
  pattern        = "main"
  enforce_admins = true
}

resource "github_branch_protection_v3" "release" {
  repository     = "example"
  branch         = "release"
  enforce_admins = true

  required_pull_request_reviews {
    # want
    required_approving_review_count = 0
  }
}
