# want
resource "azurerm_mssql_server" "unaudited" {
  name                = "example-sql-unaudited"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"
}

# want
resource "azurerm_sql_server" "legacy" {
  name                = "example-sql-legacy"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server" "disabled" {
  name                = "example-sql-disabled"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server_extended_auditing_policy" "disabled" {
  server_id = azurerm_mssql_server.disabled.id
  # want
  enabled   = false
}
