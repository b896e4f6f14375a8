resource "google_project" "explicit" {
  name       = "Example"
  project_id = "example-explicit"
  org_id     = "1234567"
  # want
  auto_create_network = true
}

# want
resource "google_project" "default" {
  name       = "Example"
  project_id = "example-default"
  org_id     = "1234567"
}
