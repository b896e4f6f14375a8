resource "google_compute_instance" "private" {
  name         = "private"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  network_interface {
    network    = "main"
    subnetwork = "private"
  }
}
