# want
resource "google_container_cluster" "none" {
  name               = "none"
  location           = "us-central1"
  initial_node_count = 1
}

resource "google_container_cluster" "off" {
  name               = "off"
  location           = "us-central1"
  initial_node_count = 1

  network_policy {
    # want
    enabled = false
  }
}
