resource "azurerm_mssql_server" "separate" {
  name                = "example-sql-separate"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "separate" {
  server_id              = azurerm_mssql_server.separate.id
  storage_endpoint       = azurerm_storage_account.audit.primary_blob_endpoint
  retention_in_days      = 90
  log_monitoring_enabled = true
}

resource "azurerm_sql_server" "inline" {
  name                = "example-sql-inline"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"

  extended_auditing_policy {
    storage_endpoint  = azurerm_storage_account.audit.primary_blob_endpoint
    retention_in_days = 90
  }
}
