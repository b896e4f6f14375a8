resource "google_service_account_iam_member" "scoped" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.serviceAccountUser"
  member             = "user:jane@example.com"
}

resource "google_project_iam_member" "viewer" {
  project = "example-project"
  role    = "roles/viewer"
  member  = "user:jane@example.com"
}
