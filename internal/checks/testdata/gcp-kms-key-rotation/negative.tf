variable "period" {}

resource "google_kms_crypto_key" "quarterly" {
  name            = "quarterly"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key" "signing" {
  name     = "signing"
  key_ring = google_kms_key_ring.main.id
  purpose  = "ASYMMETRIC_SIGN"
}

resource "google_kms_crypto_key" "unknown" {
  name            = "unknown"
  key_ring        = google_kms_key_ring.main.id
  rotation_period = var.period
}
