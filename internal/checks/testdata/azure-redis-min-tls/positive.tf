resource "azurerm_redis_cache" "old" {
  name                = "example-old"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  # want
  minimum_tls_version = "1.1"
}

# want
resource "azurerm_redis_cache" "default" {
  name                = "example-default"
  location            = "westeurope"
  resource_group_name = "example"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}
