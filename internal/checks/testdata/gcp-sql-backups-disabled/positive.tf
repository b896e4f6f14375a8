resource "google_sql_database_instance" "off" {
  name             = "off"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    backup_configuration {
      # want
      enabled = false
    }
  }
}

resource "google_sql_database_instance" "none" {
  name             = "none"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  # want
  settings {
    tier = "db-f1-micro"
  }
}
