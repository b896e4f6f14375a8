variable "source" {}

resource "azurerm_network_security_rule" "internal" {
  name                        = "ssh-internal"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "10.0.0.0/8"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_rule" "deny" {
  name                        = "ssh-deny"
  priority                    = 200
  direction                   = "Inbound"
  access                      = "Deny"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_rule" "udp" {
  name                        = "udp"
  priority                    = 210
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Udp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_rule" "outbound" {
  name                        = "out"
  priority                    = 220
  direction                   = "Outbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_rule" "unknown" {
  name                        = "ssh-unknown"
  priority                    = 230
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "22"
  source_address_prefix       = var.source
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}

resource "azurerm_network_security_rule" "other_ports" {
  name                        = "web"
  priority                    = 240
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_ranges     = ["80", "443", "8000-8080"]
  source_address_prefix       = "*"
  destination_address_prefix  = "*"
  resource_group_name         = "example"
  network_security_group_name = azurerm_network_security_group.example.name
}
