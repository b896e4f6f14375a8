variable "log_bucket" {}

resource "google_storage_bucket" "logged" {
  name     = "example-logged"
  location = "EU"

  logging {
    log_bucket = "example-logs"
  }
}

resource "google_storage_bucket" "unknown" {
  name     = "example-unknown"
  location = "EU"

  logging {
    log_bucket = var.log_bucket
  }
}
