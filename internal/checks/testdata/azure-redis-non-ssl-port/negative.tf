variable "plain" {}

resource "azurerm_redis_cache" "default" {
  name                = "example-default"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_redis_cache" "off" {
  name                 = "example-off"
  location             = "westeurope"
  resource_group_name  = "example"
  capacity             = 1
  family               = "C"
  sku_name             = "Standard"
  non_ssl_port_enabled = false
}

resource "azurerm_redis_cache" "unknown" {
  name                = "example-unknown"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  enable_non_ssl_port = var.plain
}
