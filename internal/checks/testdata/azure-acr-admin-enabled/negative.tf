variable "admin" {}

resource "azurerm_container_registry" "default" {
  name                = "exampleacr"
  resource_group_name = "example"
  location            = "westeurope"
  sku                 = "Premium"
}

resource "azurerm_container_registry" "off" {
  name                = "exampleacr2"
  resource_group_name = "example"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = false
}

resource "azurerm_container_registry" "unknown" {
  name                = "exampleacr3"
  resource_group_name = "example"
  location            = "westeurope"
  sku                 = "Premium"
  admin_enabled       = var.admin
}
