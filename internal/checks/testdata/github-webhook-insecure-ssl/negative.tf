variable "insecure" {}

resource "github_organization_webhook" "org" {
  name   = "web"
  events = ["issues"]

  configuration {
    url          = "https://hooks.example.com/org"
    content_type = "json"
    insecure_ssl = false
  }
}

resource "github_repository_webhook" "default" {
  repository = "example"
  events     = ["push"]

  configuration {
    url          = "https://hooks.example.com/repo"
    content_type = "json"
  }
}

resource "github_repository_webhook" "unknown" {
  repository = "example"
  events     = ["push"]

  configuration {
    url          = "https://hooks.example.com/other"
    content_type = "json"
    insecure_ssl = var.insecure
  }
}
