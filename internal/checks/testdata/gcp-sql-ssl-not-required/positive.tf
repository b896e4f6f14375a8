resource "google_sql_database_instance" "allow" {
  name             = "allow"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      # want
      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    }
  }
}

resource "google_sql_database_instance" "legacy" {
  name             = "legacy"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    ip_configuration {
      # want
      require_ssl = false
    }
  }
}

resource "google_sql_database_instance" "unset" {
  name             = "unset"
  database_version = "POSTGRES_15"
  region           = "us-central1"

  settings {
    tier = "db-f1-micro"

    # want
    ip_configuration {
      ipv4_enabled = false
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
