resource "azurerm_network_security_rule" "bastion" {
  name                        = "rdp-bastion"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "3389"
  source_address_prefix       = "10.1.0.0/26"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_group" "inline" {
  name                = "inline"
  location            = "westeurope"
  resource_group_name = "example"

  security_rule {
    name                       = "ssh"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }
}
