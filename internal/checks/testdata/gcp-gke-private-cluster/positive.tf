# want
resource "google_container_cluster" "public" {
  name               = "public"
  location           = "us-central1"
  initial_node_count = 1
}

resource "google_container_cluster" "public_endpoint" {
  name               = "public-endpoint"
  location           = "us-central1"
  initial_node_count = 1

  private_cluster_config {
    enable_private_nodes    = true
    # want
    enable_private_endpoint = false
  }
}

resource "google_container_cluster" "public_nodes" {
  name               = "public-nodes"
  location           = "us-central1"
  initial_node_count = 1

  # want
  private_cluster_config {
    enable_private_endpoint = true
  }
}
