resource "azurerm_postgresql_server" "plain" {
  name                = "example-psql"
  resource_group_name = "example"
  location            = "westeurope"
  sku_name            = "GP_Gen5_2"
  version             = "11"
  # want
  ssl_enforcement_enabled = false
}

resource "azurerm_mysql_server" "legacy" {
  name                = "example-mysql"
  resource_group_name = "example"
  location            = "westeurope"
  sku_name            = "GP_Gen5_2"
  version             = "5.7"
  # want
  ssl_enforcement     = "Disabled"
}
