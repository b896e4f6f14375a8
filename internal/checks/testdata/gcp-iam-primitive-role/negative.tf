resource "google_project_iam_member" "viewer" {
  project = "example-project"
  role    = "roles/viewer"
  member  = "user:jane@example.com"
}

resource "google_project_iam_member" "sa_editor" {
  project = "example-project"
  role    = "roles/editor"
  member  = "serviceAccount:ci@example-project.iam.gserviceaccount.com"
}

data "google_iam_policy" "unapplied" {
  binding {
    role    = "roles/owner"
    members = ["user:jane@example.com"]
  }
}
