variable "secure_boot" {}

resource "google_compute_instance" "shielded" {
  name         = "shielded"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  shielded_instance_config {
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}

resource "google_compute_instance" "defaults" {
  name         = "defaults"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  shielded_instance_config {
    enable_secure_boot = true
  }
}

resource "google_compute_instance" "unknown" {
  name         = "unknown"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  shielded_instance_config {
    enable_secure_boot = var.secure_boot
  }
}

data "google_compute_instance" "existing" {
  name = "existing"
  zone = "us-central1-a"
}
