# want
resource "azurerm_cosmosdb_account" "default" {
  name                = "example-cosmos"
  location            = "westeurope"
  resource_group_name = "example"
  offer_type          = "Standard"
}

resource "azurerm_cosmosdb_account" "public" {
  name                = "example-cosmos2"
  location            = "westeurope"
  resource_group_name = "example"
  offer_type          = "Standard"
  # want
  public_network_access_enabled = true
  ip_range_filter               = []
}
