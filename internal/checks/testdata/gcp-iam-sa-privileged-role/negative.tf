variable "role" {}

resource "google_project_iam_member" "viewer" {
  project = "example-project"
  role    = "roles/viewer"
  member  = "serviceAccount:reader@example-project.iam.gserviceaccount.com"
}

resource "google_project_iam_member" "human_admin" {
  project = "example-project"
  role    = "roles/iam.serviceAccountAdmin"
  member  = "user:jane@example.com"
}

resource "google_project_iam_member" "unknown" {
  project = "example-project"
  role    = var.role
  member  = "serviceAccount:ci@example-project.iam.gserviceaccount.com"
}

resource "google_storage_bucket_iam_member" "bucket_scoped" {
  bucket = "example-bucket"
  role   = "roles/storage.admin"
  member = "serviceAccount:ci@example-project.iam.gserviceaccount.com"
}

data "google_iam_policy" "bucket" {
  binding {
    role    = "roles/storage.admin"
    members = ["serviceAccount:ci@example-project.iam.gserviceaccount.com"]
  }
}

resource "google_storage_bucket_iam_policy" "bucket" {
  bucket      = "example-bucket"
  policy_data = data.google_iam_policy.bucket.policy_data
}
