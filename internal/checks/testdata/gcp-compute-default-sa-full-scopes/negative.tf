variable "email" {}

resource "google_compute_instance" "dedicated" {
  name         = "dedicated"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  service_account {
    email  = google_service_account.app.email
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance" "narrow" {
  name         = "narrow"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  service_account {
    scopes = ["logging-write", "monitoring-write"]
  }
}

resource "google_compute_instance" "unknown" {
  name         = "unknown"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  service_account {
    email  = var.email
    scopes = ["cloud-platform"]
  }
}
