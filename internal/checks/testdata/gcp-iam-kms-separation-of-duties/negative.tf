resource "google_project_iam_policy" "project" {
  project     = "example-project"
  policy_data = data.google_iam_policy.project.policy_data
}

data "google_iam_policy" "project" {
  binding {
    role    = "roles/cloudkms.admin"
    members = ["user:jane@example.com"]
  }

  binding {
    role    = "roles/cloudkms.cryptoKeyDecrypter"
    members = ["user:joe@example.com"]
  }
}

resource "google_project_iam_member" "kms_admin" {
  project = "project-a"
  role    = "roles/cloudkms.admin"
  member  = "group:security@example.com"
}

resource "google_project_iam_member" "kms_user" {
  project = "project-b"
  role    = "roles/cloudkms.cryptoKeyDecrypter"
  member  = "group:security@example.com"
}
