resource "google_project_iam_member" "user" {
  project = "example-project"
  # want
  role    = "roles/iam.serviceAccountUser"
  member  = "user:jane@example.com"
}

resource "google_project_iam_binding" "token_creator" {
  project = "example-project"
  # want
  role    = "roles/iam.serviceAccountTokenCreator"
  members = ["group:ops@example.com"]
}
