resource "google_compute_firewall" "default" {
  name    = "default"
  network = google_compute_network.main.name
}

resource "google_compute_firewall" "ssh" {
  name    = "default-allow-ssh"
  network = google_compute_network.other.id

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}

# want
resource "google_compute_network" "main" {
  name = "main"
}

# want
resource "google_compute_network" "other" {
  name = "other"
}
