# want
resource "google_storage_bucket" "unlogged" {
  name     = "example-unlogged"
  location = "EU"

  lifecycle_rule {
    condition {
      age = 3
    }
    action {
      type = "Delete"
    }
  }
}
