variable "member" {}

resource "google_bigquery_dataset" "private" {
  dataset_id = "private"

  access {
    role          = "OWNER"
    special_group = "projectOwners"
  }

  access {
    role           = "READER"
    group_by_email = "analysts@example.com"
  }
}

resource "google_bigquery_dataset_iam_member" "unknown" {
  dataset_id = google_bigquery_dataset.private.dataset_id
  role       = "roles/bigquery.dataViewer"
  member     = var.member
}
