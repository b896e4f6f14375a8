resource "google_container_cluster" "abac" {
  name               = "abac"
  location           = "us-central1"
  initial_node_count = 1
  # want
  enable_legacy_abac = true
}
