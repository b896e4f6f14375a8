variable "forward" {}

resource "google_compute_instance" "plain" {
  name         = "plain"
  machine_type = "e2-medium"
  zone         = "us-central1-a"
}

resource "google_compute_instance_template" "unknown" {
  name_prefix    = "tpl-"
  machine_type   = "e2-medium"
  can_ip_forward = var.forward
}
