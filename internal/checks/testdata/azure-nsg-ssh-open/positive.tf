resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  # want
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_group" "inline" {
  name                = "inline"
  location            = "westeurope"
  resource_group_name = "example"

  security_rule {
    name                       = "web"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "admin"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_ranges    = ["80", "20-25"]
    # want
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
}

resource "azurerm_network_security_rule" "prefixes" {
  name                        = "prefixes"
  priority                    = 120
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "*"
  # want
  source_address_prefixes     = ["10.0.0.0/8", "0.0.0.0/0"]
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_rule" "two_open" {
  name                        = "two-open"
  priority                    = 130
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["22", "2222"]
  # want
  source_address_prefixes     = ["*", "Internet"]
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}
