variable "end" {}

resource "azurerm_redis_firewall_rule" "internal" {
  name                = "internal"
  redis_cache_name    = azurerm_redis_cache.example.name
  resource_group_name = "example"
  start_ip            = "10.2.3.4"
  end_ip              = "10.3.4.5"
}

resource "azurerm_redis_firewall_rule" "app" {
  name                = "app"
  redis_cache_name    = azurerm_redis_cache.example.name
  resource_group_name = "example"
  start_ip            = "203.0.113.10"
  end_ip              = "203.0.113.12"
}

resource "azurerm_redis_firewall_rule" "unknown" {
  name                = "unknown"
  redis_cache_name    = azurerm_redis_cache.example.name
  resource_group_name = "example"
  start_ip            = "0.0.0.0"
  end_ip              = var.end
}
