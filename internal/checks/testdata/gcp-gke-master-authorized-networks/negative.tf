variable "cidr" {}

resource "google_container_cluster" "restricted" {
  name               = "restricted"
  location           = "us-central1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office"
    }
  }
}

resource "google_container_cluster" "private" {
  name               = "private"
  location           = "us-central1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
  }
}

resource "google_container_cluster" "unknown" {
  name               = "unknown"
  location           = "us-central1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = var.cidr
    }
  }
}
