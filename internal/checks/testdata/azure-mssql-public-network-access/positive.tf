# want
resource "azurerm_mssql_server" "default" {
  name                = "example-sql-default"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"
}

resource "azurerm_mssql_server" "public" {
  name                = "example-sql-public"
  resource_group_name = "example"
  location            = "westeurope"
  version             = "12.0"
  # want
  public_network_access_enabled = true
}
