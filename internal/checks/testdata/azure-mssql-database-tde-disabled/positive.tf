resource "azurerm_mssql_database" "plain" {
  name      = "example-db"
  server_id = azurerm_mssql_server.example.id
  # want
  transparent_data_encryption_enabled = false
}
