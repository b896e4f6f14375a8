variable "reviewers" {}

resource "github_branch_protection" "main" {
  repository_id  = github_repository.example.node_id
  pattern        = "main"
  enforce_admins = true

  required_pull_request_reviews {
    required_approving_review_count = 2
    dismiss_stale_reviews           = true
  }
}

resource "github_branch_protection" "default_count" {
  repository_id = github_repository.example.node_id
  pattern       = "develop"

  required_pull_request_reviews {
    require_code_owner_reviews = true
  }
}

resource "github_branch_protection" "unknown" {
  repository_id = github_repository.example.node_id
  pattern       = "release/*"

  required_pull_request_reviews {
    required_approving_review_count = var.reviewers
  }
}
