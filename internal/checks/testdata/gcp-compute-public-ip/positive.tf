resource "google_compute_instance" "public" {
  name         = "public"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  network_interface {
    network = "main"

    # want
    access_config {}
  }
}

resource "google_compute_instance_template" "static" {
  name_prefix  = "tpl-"
  machine_type = "e2-medium"

  network_interface {
    network = "main"

    # want
    access_config {
      nat_ip = google_compute_address.static.address
    }
  }
}
