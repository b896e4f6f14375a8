variable "member" {}

resource "google_storage_bucket_iam_binding" "team" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.objectViewer"
  members = ["group:team@example.com"]
}

resource "google_storage_bucket_iam_binding" "empty" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.admin"
  members = []
}

resource "google_storage_bucket_iam_member" "unknown" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  member = var.member
}

resource "google_project_iam_member" "not_a_bucket" {
  project = "example-project"
  role    = "roles/viewer"
  member  = "user:jane@example.com"
}

resource "google_storage_bucket_acl" "acl" {
  bucket      = google_storage_bucket.site.name
  role_entity = ["OWNER:user-jane@example.com", "READER:group-team@example.com"]
}

data "google_iam_policy" "unapplied" {
  binding {
    role    = "roles/viewer"
    members = ["allUsers"]
  }
}
