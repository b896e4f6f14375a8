variable "name" {}

resource "google_compute_firewall" "web" {
  name    = "allow-web"
  network = google_compute_network.main.name

  allow {
    protocol = "tcp"
    ports    = ["80", "443"]
  }

  source_tags = ["web"]
}

resource "google_compute_firewall" "unknown" {
  name    = var.name
  network = google_compute_network.main.name
}

resource "google_compute_network" "main" {
  name = "main"
}
