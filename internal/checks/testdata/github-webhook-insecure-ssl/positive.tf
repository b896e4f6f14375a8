resource "github_organization_webhook" "org" {
  name   = "web"
  events = ["issues"]

  configuration {
    url          = "https://hooks.example.com/org"
    content_type = "json"
    # want
    insecure_ssl = true
  }
}

resource "github_repository_webhook" "repo" {
  repository = "example"
  events     = ["push"]

  configuration {
    url          = "https://hooks.example.com/repo"
    content_type = "form"
    # want
    insecure_ssl = "1"
  }
}
