variable "tls" {}

resource "azurerm_redis_cache" "current" {
  name                = "example-current"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = "1.2"
}

resource "azurerm_redis_cache" "unknown" {
  name                = "example-unknown"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  minimum_tls_version = var.tls
}
