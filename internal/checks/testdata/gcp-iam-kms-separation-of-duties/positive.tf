resource "google_project_iam_policy" "project" {
  project     = "example-project"
  # want
  policy_data = data.google_iam_policy.project.policy_data
}

data "google_iam_policy" "project" {
  binding {
    role    = "roles/cloudkms.admin"
    members = ["user:jane@example.com"]
  }

  binding {
    role    = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
    members = ["user:jane@example.com", "user:joe@example.com"]
  }
}

resource "google_project_iam_member" "kms_admin" {
  project = "other-project"
  role    = "roles/cloudkms.admin"
  member  = "group:security@example.com"
}

resource "google_project_iam_member" "kms_user" {
  project = "other-project"
  # want
  role    = "roles/cloudkms.cryptoKeyDecrypter"
  member  = "group:security@example.com"
}
