# want
resource "azurerm_postgresql_server" "default" {
  name                    = "example-psql"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}

resource "azurerm_mysql_server" "public" {
  name                    = "example-mysql"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "8.0"
  ssl_enforcement_enabled = true
  # want
  public_network_access_enabled = true
}
