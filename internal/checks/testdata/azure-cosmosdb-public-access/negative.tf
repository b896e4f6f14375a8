variable "filter" {}

resource "azurerm_cosmosdb_account" "private" {
  name                          = "example-cosmos"
  location                      = "westeurope"
  resource_group_name           = "example"
  offer_type                    = "Standard"
  public_network_access_enabled = false
}

resource "azurerm_cosmosdb_account" "filtered_string" {
  name                = "example-cosmos2"
  location            = "westeurope"
  resource_group_name = "example"
  offer_type          = "Standard"
  ip_range_filter     = "203.0.113.10,198.51.100.0/24"
}

resource "azurerm_cosmosdb_account" "filtered_list" {
  name                = "example-cosmos3"
  location            = "westeurope"
  resource_group_name = "example"
  offer_type          = "Standard"
  ip_range_filter     = ["203.0.113.10"]
}

resource "azurerm_cosmosdb_account" "vnet" {
  name                              = "example-cosmos4"
  location                          = "westeurope"
  resource_group_name               = "example"
  offer_type                        = "Standard"
  is_virtual_network_filter_enabled = true

  virtual_network_rule {
    id = azurerm_subnet.example.id
  }
}

resource "azurerm_cosmosdb_account" "unknown" {
  name                = "example-cosmos5"
  location            = "westeurope"
  resource_group_name = "example"
  offer_type          = "Standard"
  ip_range_filter     = var.filter
}
