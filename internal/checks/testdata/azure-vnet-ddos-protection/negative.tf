variable "ddos" {}

resource "azurerm_virtual_network" "protected" {
  name          = "protected"
  address_space = ["10.0.0.0/16"]

  ddos_protection_plan {
    id     = azurerm_network_ddos_protection_plan.example.id
    enable = true
  }
}

resource "azurerm_virtual_network" "unknown" {
  name          = "unknown"
  address_space = ["10.1.0.0/16"]

  ddos_protection_plan {
    id     = azurerm_network_ddos_protection_plan.example.id
    enable = var.ddos
  }
}
