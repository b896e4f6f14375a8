variable "user" {}

resource "google_container_cluster" "modern" {
  name               = "modern"
  location           = "us-central1"
  initial_node_count = 1

  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }
}

resource "google_container_cluster" "empty_user" {
  name               = "empty-user"
  location           = "us-central1"
  initial_node_count = 1

  master_auth {
    username = ""
    password = ""
  }
}

resource "google_container_cluster" "unknown" {
  name               = "unknown"
  location           = "us-central1"
  initial_node_count = 1

  master_auth {
    username = var.user
  }
}
