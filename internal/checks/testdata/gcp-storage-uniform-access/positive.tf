resource "google_storage_bucket" "off" {
  name     = "example-off"
  location = "EU"
  # want
  uniform_bucket_level_access = false
}

# want
resource "google_storage_bucket" "default" {
  name     = "example-default"
  location = "EU"
}

resource "google_storage_bucket" "legacy" {
  name     = "example-legacy"
  location = "EU"
  # want
  bucket_policy_only = false
}
