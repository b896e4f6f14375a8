# want
resource "google_storage_bucket" "none" {
  name     = "example-none"
  location = "EU"
}

resource "google_storage_bucket" "off" {
  name     = "example-off"
  location = "EU"

  versioning {
    # want
    enabled = false
  }
}
