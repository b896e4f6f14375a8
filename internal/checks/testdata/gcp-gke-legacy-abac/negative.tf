variable "abac" {}

resource "google_container_cluster" "default" {
  name               = "default"
  location           = "us-central1"
  initial_node_count = 1
}

resource "google_container_cluster" "unknown" {
  name               = "unknown"
  location           = "us-central1"
  initial_node_count = 1
  enable_legacy_abac = var.abac
}
