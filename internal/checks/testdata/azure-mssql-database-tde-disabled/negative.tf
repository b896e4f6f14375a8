variable "tde" {}

resource "azurerm_mssql_database" "default" {
  name      = "example-db"
  server_id = azurerm_mssql_server.example.id
}

resource "azurerm_mssql_database" "explicit" {
  name                                = "example-db2"
  server_id                           = azurerm_mssql_server.example.id
  transparent_data_encryption_enabled = true
}

resource "azurerm_mssql_database" "unknown" {
  name                                = "example-db3"
  server_id                           = azurerm_mssql_server.example.id
  transparent_data_encryption_enabled = var.tde
}
