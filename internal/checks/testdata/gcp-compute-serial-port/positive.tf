resource "google_compute_instance" "debug" {
  name         = "debug"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  metadata = {
    # want
    serial-port-enable = "TRUE"
  }
}

resource "google_compute_project_metadata_item" "serial" {
  key   = "serial-port-enable"
  # want
  value = "true"
}

resource "google_compute_project_metadata" "project" {
  metadata = {
    enable-oslogin     = "TRUE"
    # want
    serial-port-enable = true
  }
}
