resource "google_compute_instance" "override" {
  name         = "override"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  metadata = {
    # want
    enable-oslogin = "FALSE"
  }
}

resource "google_compute_project_metadata_item" "oslogin" {
  key   = "enable-oslogin"
  # want
  value = "false"
}
