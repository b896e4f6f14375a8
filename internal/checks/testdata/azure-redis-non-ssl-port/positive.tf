resource "azurerm_redis_cache" "legacy" {
  name                = "example-legacy"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  # want
  enable_non_ssl_port = true
}

resource "azurerm_redis_cache" "current" {
  name                 = "example-current"
  location             = "westeurope"
  resource_group_name  = "example"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  # want
  non_ssl_port_enabled = true
}
