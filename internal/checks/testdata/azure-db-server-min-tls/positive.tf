resource "azurerm_postgresql_server" "old" {
  name                    = "example-psql"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "11"
  ssl_enforcement_enabled = true
  # want
  ssl_minimal_tls_version_enforced = "TLS1_0"
}

resource "azurerm_mysql_server" "none" {
  name                    = "example-mysql"
  resource_group_name     = "example"
  location                = "westeurope"
  sku_name                = "GP_Gen5_2"
  version                 = "8.0"
  ssl_enforcement_enabled = true
  # want
  ssl_minimal_tls_version_enforced = "TLSEnforcementDisabled"
}
