resource "aws_glue_data_catalog_encryption_settings" "weak" {
  data_catalog_encryption_settings {
    connection_password_encryption {
      # want
      return_connection_password_encrypted = false
    }

    encryption_at_rest {
      # want
      catalog_encryption_mode = "DISABLED"
    }
  }
}
