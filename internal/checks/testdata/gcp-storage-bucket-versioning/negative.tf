variable "versioning" {}

resource "google_storage_bucket" "on" {
  name     = "example-on"
  location = "EU"

  versioning {
    enabled = true
  }
}

resource "google_storage_bucket" "unknown" {
  name     = "example-unknown"
  location = "EU"

  versioning {
    enabled = var.versioning
  }
}
