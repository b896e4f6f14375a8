resource "google_project_iam_member" "sa_admin" {
  project = "example-project"
  # want
  role    = "roles/iam.serviceAccountAdmin"
  member  = "serviceAccount:deployer@example-project.iam.gserviceaccount.com"
}

resource "google_project_iam_binding" "editors" {
  project = "example-project"
  # want
  role    = "roles/editor"
  members = [
    "user:jane@example.com",
    "serviceAccount:ci@example-project.iam.gserviceaccount.com",
  ]
}

data "google_iam_policy" "org" {
  binding {
    role    = "roles/viewer"
    members = ["serviceAccount:reader@example-project.iam.gserviceaccount.com"]
  }

  binding {
    # want
    role    = "roles/owner"
    members = ["serviceAccount:root@example-project.iam.gserviceaccount.com"]
  }
}

resource "google_folder_iam_member" "container_admin" {
  folder = "folders/1234567"
  # want
  role   = "roles/container.admin"
  member = "serviceAccount:gke@example-project.iam.gserviceaccount.com"
}
