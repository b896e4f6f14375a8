resource "azurerm_network_security_rule" "rdp" {
  name                        = "rdp"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  # want
  source_address_prefix       = "Internet"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_group" "inline" {
  name                = "inline"
  location            = "westeurope"
  resource_group_name = "example"

  security_rule {
    name                       = "range"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000-4000"
    # want
    source_address_prefix      = "0.0.0.0/0"
    destination_address_prefix = "*"
  }
}
