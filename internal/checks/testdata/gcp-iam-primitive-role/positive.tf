resource "google_project_iam_member" "owner" {
  project = "example-project"
  # want
  role    = "roles/owner"
  member  = "user:jane@example.com"
}

resource "google_organization_iam_binding" "editors" {
  org_id  = "1234567"
  # want
  role    = "roles/editor"
  members = ["group:developers@example.com"]
}

resource "google_project_iam_policy" "project" {
  project     = "example-project"
  policy_data = data.google_iam_policy.project.policy_data
}

data "google_iam_policy" "project" {
  binding {
    # want
    role    = "roles/editor"
    members = ["domain:example.com"]
  }
}
