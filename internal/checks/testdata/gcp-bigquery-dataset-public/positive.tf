resource "google_bigquery_dataset" "inline" {
  dataset_id = "inline"

  access {
    role          = "OWNER"
    user_by_email = "jane@example.com"
  }

  access {
    role          = "READER"
    # want
    special_group = "allAuthenticatedUsers"
  }
}

resource "google_bigquery_dataset_iam_member" "public" {
  dataset_id = google_bigquery_dataset.inline.dataset_id
  role       = "roles/bigquery.dataViewer"
  # want
  member     = "allUsers"
}

resource "google_bigquery_dataset_access" "separate" {
  dataset_id = google_bigquery_dataset.inline.dataset_id
  role       = "READER"
  # want
  iam_member = "allUsers"
}
