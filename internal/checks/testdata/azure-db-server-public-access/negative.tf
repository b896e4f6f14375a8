variable "public" {}

resource "azurerm_postgresql_server" "private" {
  name                          = "example-psql"
  resource_group_name           = "example"
  location                      = "westeurope"
  sku_name                      = "GP_Gen5_2"
  version                       = "11"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = false
}

resource "azurerm_mariadb_server" "unknown" {
  name                          = "example-maria"
  resource_group_name           = "example"
  location                      = "westeurope"
  sku_name                      = "GP_Gen5_2"
  version                       = "10.3"
  ssl_enforcement_enabled       = true
  public_network_access_enabled = var.public
}
