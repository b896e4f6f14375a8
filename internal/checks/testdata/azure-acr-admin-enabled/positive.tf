resource "azurerm_container_registry" "acr" {
  name                = "exampleacr"
  resource_group_name = "example"
  location            = "westeurope"
  sku                 = "Premium"
  # want
  admin_enabled       = true
}
