resource "google_sql_database_instance" "explicit" {
  name             = "explicit"
  database_version = "MYSQL_8_0"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      # want
      ipv4_enabled = true
    }
  }
}

resource "google_sql_database_instance" "default" {
  name             = "default"
  database_version = "MYSQL_8_0"
  region           = "us-central1"

  # want
  settings {
    tier = "db-f1-micro"
  }
}

resource "google_sql_database_instance" "private_network_only" {
  name             = "pn"
  database_version = "MYSQL_8_0"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    # want
    ip_configuration {
      private_network = google_compute_network.main.id
    }
  }
}
