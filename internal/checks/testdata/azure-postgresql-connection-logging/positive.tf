resource "azurerm_postgresql_configuration" "connections" {
  name                = "log_connections"
  resource_group_name = "example"
  server_name         = azurerm_postgresql_server.example.name
  # want
  value               = "off"
}

resource "azurerm_postgresql_flexible_server_configuration" "disconnections" {
  name      = "log_disconnections"
  server_id = azurerm_postgresql_flexible_server.example.id
  # want
  value     = "OFF"
}
