variable "tls" {}

resource "azurerm_postgresql_server" "default" {
  name                    = "example-psql"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
}

resource "azurerm_mysql_server" "current" {
  name                             = "example-mysql"
  resource_group_name              = "example"
  location                         = "westeurope"
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = "TLS1_2"
}

resource "azurerm_mysql_server" "unknown" {
  name                             = "example-mysql2"
  resource_group_name              = "example"
  location                         = "westeurope"
  sku_name                         = "GP_Gen5_2"
  version                          = "8.0"
  ssl_enforcement_enabled          = true
  ssl_minimal_tls_version_enforced = var.tls
}
