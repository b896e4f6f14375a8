resource "google_compute_instance" "router" {
  name           = "router"
  machine_type   = "e2-medium"
  zone           = "us-central1-a"
  # want
  can_ip_forward = true
}
