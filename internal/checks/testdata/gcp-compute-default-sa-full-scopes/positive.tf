resource "google_compute_instance" "no_email" {
  name         = "no-email"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  service_account {
    # want
    scopes = ["cloud-platform"]
  }
}

resource "google_compute_instance_template" "default_email" {
  name_prefix  = "tpl-"
  machine_type = "e2-medium"

  service_account {
    email  = "123456789-compute@developer.gserviceaccount.com"
    scopes = [
      "https://www.googleapis.com/auth/logging.write",
      # want
      "https://www.googleapis.com/auth/cloud-platform",
    ]
  }
}
