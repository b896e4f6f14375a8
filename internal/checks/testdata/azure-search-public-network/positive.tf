resource "azurerm_search_service" "public" {
  name                = "example-search"
  resource_group_name = "example"
  location            = "westeurope"
  sku                 = "standard"
  # want
  public_network_access_enabled = true
}

# want
resource "azurerm_search_service" "default" {
  name                = "example-search2"
  resource_group_name = "example"
  location            = "westeurope"
  sku                 = "standard"
}
