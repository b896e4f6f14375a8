variable "autopilot" {}

resource "google_container_cluster" "wi" {
  name               = "wi"
  location           = "us-central1"
  initial_node_count = 1

  workload_identity_config {
    workload_pool = "example-project.svc.id.goog"
  }
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "us-central1"
  enable_autopilot = true
}

resource "google_container_cluster" "unknown" {
  name             = "unknown"
  location         = "us-central1"
  enable_autopilot = var.autopilot
}
