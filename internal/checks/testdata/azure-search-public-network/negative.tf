variable "public" {}

resource "azurerm_search_service" "private" {
  name                          = "example-search"
  resource_group_name           = "example"
  location                      = "westeurope"
  sku                           = "standard"
  public_network_access_enabled = false
}

resource "azurerm_search_service" "unknown" {
  name                          = "example-search2"
  resource_group_name           = "example"
  location                      = "westeurope"
  sku                           = "standard"
  public_network_access_enabled = var.public
}
