variable "public" {}

resource "azurerm_mssql_server" "private" {
  name                          = "example-sql-private"
  resource_group_name           = "example"
  location                      = "westeurope"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "azurerm_mssql_server" "unknown" {
  name                          = "example-sql-unknown"
  resource_group_name           = "example"
  location                      = "westeurope"
  version                       = "12.0"
  public_network_access_enabled = var.public
}
