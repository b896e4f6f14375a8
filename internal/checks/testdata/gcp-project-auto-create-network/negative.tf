variable "auto" {}

resource "google_project" "off" {
  name                = "Example"
  project_id          = "example-off"
  org_id              = "1234567"
  auto_create_network = false
}

resource "google_project" "unknown" {
  name                = "Example"
  project_id          = "example-unknown"
  org_id              = "1234567"
  auto_create_network = var.auto
}
