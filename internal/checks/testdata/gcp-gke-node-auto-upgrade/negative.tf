variable "upgrade" {}

resource "google_container_node_pool" "default" {
  name    = "default"
  cluster = google_container_cluster.main.name
}

resource "google_container_node_pool" "repair_only" {
  name    = "repair-only"
  cluster = google_container_cluster.main.name

  management {
    auto_repair = true
  }
}

resource "google_container_node_pool" "on" {
  name    = "on"
  cluster = google_container_cluster.main.name

  management {
    auto_upgrade = true
  }
}

resource "google_container_node_pool" "unknown" {
  name    = "unknown"
  cluster = google_container_cluster.main.name

  management {
    auto_upgrade = var.upgrade
  }
}
