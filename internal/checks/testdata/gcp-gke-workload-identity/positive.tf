# want
resource "google_container_cluster" "standard" {
  name               = "standard"
  location           = "us-central1"
  initial_node_count = 1
}
