variable "value" {}

resource "azurerm_postgresql_configuration" "connections" {
  name                = "log_connections"
  resource_group_name = "example"
  server_name         = azurerm_postgresql_server.example.name
  value               = "on"
}

resource "azurerm_postgresql_configuration" "other" {
  name                = "log_checkpoints_other"
  resource_group_name = "example"
  server_name         = azurerm_postgresql_server.example.name
  value               = "off"
}

resource "azurerm_postgresql_flexible_server_configuration" "unknown" {
  name      = "log_disconnections"
  server_id = azurerm_postgresql_flexible_server.example.id
  value     = var.value
}
