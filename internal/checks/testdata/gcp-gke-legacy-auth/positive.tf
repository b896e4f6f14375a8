variable "gke_password" {
  sensitive = true
}

resource "google_container_cluster" "basic" {
  name               = "basic"
  location           = "us-central1"
  initial_node_count = 1

  master_auth {
    # want
    username = "admin"
    password = var.gke_password
  }
}

resource "google_container_cluster" "cert" {
  name               = "cert"
  location           = "us-central1"
  initial_node_count = 1

  master_auth {
    client_certificate_config {
      # want
      issue_client_certificate = true
    }
  }
}
