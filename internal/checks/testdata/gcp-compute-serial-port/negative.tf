variable "serial" {}

resource "google_compute_instance" "plain" {
  name         = "plain"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  metadata = {
    serial-port-enable = "FALSE"
  }
}

resource "google_compute_instance" "unknown" {
  name         = "unknown"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  metadata = {
    serial-port-enable = var.serial
  }
}

resource "google_compute_project_metadata_item" "other" {
  key   = "enable-oslogin"
  value = "TRUE"
}
