variable "oslogin" {}

resource "google_compute_instance" "on" {
  name         = "on"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  metadata = {
    enable-oslogin = "TRUE"
  }
}

resource "google_compute_instance" "unset" {
  name         = "unset"
  machine_type = "e2-medium"
  zone         = "us-central1-a"
}

resource "google_compute_project_metadata_item" "unknown" {
  key   = "enable-oslogin"
  value = var.oslogin
}
