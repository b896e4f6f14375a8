variable "uniform" {}

resource "google_storage_bucket" "on" {
  name                        = "example-on"
  location                    = "EU"
  uniform_bucket_level_access = true
}

resource "google_storage_bucket" "legacy" {
  name               = "example-legacy"
  location           = "EU"
  bucket_policy_only = true
}

resource "google_storage_bucket" "unknown" {
  name                        = "example-unknown"
  location                    = "EU"
  uniform_bucket_level_access = var.uniform
}
