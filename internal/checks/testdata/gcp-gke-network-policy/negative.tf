variable "enabled" {}

resource "google_container_cluster" "calico" {
  name               = "calico"
  location           = "us-central1"
  initial_node_count = 1

  network_policy {
    enabled  = true
    provider = "CALICO"
  }
}

resource "google_container_cluster" "dpv2" {
  name               = "dpv2"
  location           = "us-central1"
  initial_node_count = 1
  datapath_provider  = "ADVANCED_DATAPATH"
}

resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "us-central1"
  enable_autopilot = true
}

resource "google_container_cluster" "unknown" {
  name               = "unknown"
  location           = "us-central1"
  initial_node_count = 1

  network_policy {
    enabled = var.enabled
  }
}
