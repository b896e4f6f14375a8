variable "ssl" {}

resource "azurerm_postgresql_server" "tls" {
  name                    = "example-psql"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}

resource "azurerm_mariadb_server" "unknown" {
  name                    = "example-maria"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "10.3"
  ssl_enforcement_enabled = var.ssl
}
