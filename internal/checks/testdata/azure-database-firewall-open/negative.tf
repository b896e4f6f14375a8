variable "start" {}

resource "azurerm_mssql_firewall_rule" "azure_services" {
  name             = "AllowAzureServices"
  server_id        = azurerm_mssql_server.example.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mssql_firewall_rule" "office" {
  name             = "office"
  server_id        = azurerm_mssql_server.example.id
  start_ip_address = "203.0.113.1"
  end_ip_address   = "203.0.113.30"
}

resource "azurerm_postgresql_firewall_rule" "internal" {
  name                = "internal"
  resource_group_name = "example"
  server_name         = azurerm_postgresql_server.example.name
  start_ip_address    = "10.0.0.0"
  end_ip_address      = "10.255.255.255"
}

resource "azurerm_mysql_firewall_rule" "unknown" {
  name                = "unknown"
  resource_group_name = "example"
  server_name         = azurerm_mysql_server.example.name
  start_ip_address    = var.start
  end_ip_address      = "255.255.255.255"
}
