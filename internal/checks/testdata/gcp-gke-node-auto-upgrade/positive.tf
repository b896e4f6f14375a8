resource "google_container_node_pool" "pinned" {
  name    = "pinned"
  cluster = google_container_cluster.main.name

  management {
    auto_repair  = true
    # want
    auto_upgrade = false
  }
}

resource "google_container_cluster" "inline" {
  name     = "inline"
  location = "us-central1"

  node_pool {
    name = "default"

    management {
      # want
      auto_upgrade = false
    }
  }
}
