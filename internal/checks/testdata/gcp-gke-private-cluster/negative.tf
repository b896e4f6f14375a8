variable "private_endpoint" {}

resource "google_container_cluster" "private" {
  name               = "private"
  location           = "us-central1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }
}

resource "google_container_cluster" "unknown" {
  name               = "unknown"
  location           = "us-central1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = var.private_endpoint
  }
}
