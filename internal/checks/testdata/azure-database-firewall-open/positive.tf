resource "azurerm_mssql_firewall_rule" "everyone" {
  name             = "everyone"
  server_id        = azurerm_mssql_server.example.id
  # want
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_firewall_rule" "wide" {
  name                = "wide"
  resource_group_name = "example"
  server_name         = azurerm_postgresql_server.example.name
  # want
  start_ip_address    = "1.0.0.0"
  end_ip_address      = "100.255.255.255"
}

resource "azurerm_mysql_flexible_server_firewall_rule" "office_block" {
  name                = "block"
  resource_group_name = "example"
  server_name         = azurerm_mysql_flexible_server.example.name
  # want
  start_ip_address    = "198.51.100.0"
  end_ip_address      = "198.51.103.255"
}
