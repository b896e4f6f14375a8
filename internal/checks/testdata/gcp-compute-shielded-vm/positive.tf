# want
resource "google_compute_instance" "none" {
  name         = "none"
  machine_type = "e2-medium"
  zone         = "us-central1-a"
}

resource "google_compute_instance" "no_secure_boot" {
  name         = "no-secure-boot"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  # want
  shielded_instance_config {
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }
}

resource "google_compute_instance_template" "vtpm_off" {
  name_prefix  = "tpl-"
  machine_type = "e2-medium"

  shielded_instance_config {
    enable_secure_boot = true
    # want
    enable_vtpm        = false
  }
}
