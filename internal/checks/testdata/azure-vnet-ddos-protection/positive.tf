# want
resource "azurerm_virtual_network" "plain" {
  name          = "plain"
  address_space = ["10.0.0.0/16"]
}

resource "azurerm_virtual_network" "disabled" {
  name          = "disabled"
  address_space = ["10.1.0.0/16"]

  ddos_protection_plan {
    id     = azurerm_network_ddos_protection_plan.example.id
    # want
    enable = false
  }
}
