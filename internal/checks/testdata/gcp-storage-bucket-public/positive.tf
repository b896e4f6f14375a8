resource "google_storage_bucket_iam_binding" "viewers" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  # want
  members = ["user:jane@example.com", "allUsers"]
}

resource "google_storage_bucket_iam_member" "authenticated" {
  bucket = google_storage_bucket.site.name
  role   = "roles/storage.objectViewer"
  # want
  member = "allAuthenticatedUsers"
}

resource "google_storage_bucket_acl" "acl" {
  bucket = google_storage_bucket.site.name
  role_entity = [
    "OWNER:user-jane@example.com",
    # want
    "READER:allUsers",
  ]
}

resource "google_storage_default_object_access_control" "public" {
  bucket = google_storage_bucket.site.name
  role   = "READER"
  # want
  entity = "allUsers"
}

data "google_iam_policy" "public_read" {
  binding {
    role = "roles/storage.objectViewer"
    members = [
      "group:team@example.com",
      # want
      "allUsers",
    ]
  }
}

resource "google_storage_bucket_iam_policy" "site" {
  bucket      = google_storage_bucket.site.name
  policy_data = data.google_iam_policy.public_read.policy_data
}
