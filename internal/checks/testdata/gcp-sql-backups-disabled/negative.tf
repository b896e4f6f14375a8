variable "backups" {}

resource "google_sql_database_instance" "on" {
  name             = "on"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}

resource "google_sql_database_instance" "replica" {
  name                 = "replica"
  database_version     = "POSTGRES_15"
  region               = "us-central1"
  master_instance_name = google_sql_database_instance.on.name

  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "unknown" {
  name             = "unknown"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    backup_configuration {
      enabled = var.backups
    }
  }
}
