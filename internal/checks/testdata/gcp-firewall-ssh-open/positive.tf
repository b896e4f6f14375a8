resource "google_compute_firewall" "ssh" {
  name    = "allow-ssh"
  network = google_compute_network.main.name

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  # want
  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "all_tcp" {
  name      = "allow-all-tcp"
  network   = google_compute_network.main.name
  direction = "INGRESS"

  allow {
    protocol = "tcp"
  }

  # want
  source_ranges = ["10.0.0.0/8", "0.0.0.0/0"]
}

resource "google_compute_firewall" "range" {
  name    = "allow-range"
  network = google_compute_network.main.name

  allow {
    protocol = "all"
  }

  allow {
    protocol = "tcp"
    ports    = ["20-25", "80"]
  }

  # want
  source_ranges = ["0.0.0.0/0"]
}

resource "google_compute_firewall" "dual_stack" {
  name    = "dual-stack"
  network = google_compute_network.main.name

  allow {
    protocol = "tcp"
    ports    = [22]
  }

  allow {
    protocol = "tcp"
    ports    = ["22", "2222"]
  }

  # want
  source_ranges = ["0.0.0.0/0", "::/0"]
}
