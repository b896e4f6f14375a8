# want
resource "google_container_cluster" "open" {
  name               = "open"
  location           = "us-central1"
  initial_node_count = 1
}

resource "google_container_cluster" "everyone" {
  name               = "everyone"
  location           = "us-central1"
  initial_node_count = 1

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.0.0.0/8"
      display_name = "internal"
    }

    cidr_blocks {
      # want
      cidr_block   = "0.0.0.0/0"
      display_name = "everyone"
    }
  }
}
