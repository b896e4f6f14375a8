resource "azurerm_redis_firewall_rule" "wide" {
  name                = "wide"
  redis_cache_name    = azurerm_redis_cache.example.name
  resource_group_name = "example"
  # want
  start_ip            = "1.2.3.4"
  end_ip              = "2.3.4.5"
}

resource "azurerm_redis_firewall_rule" "everyone" {
  name                = "everyone"
  redis_cache_name    = azurerm_redis_cache.example.name
  resource_group_name = "example"
  # want
  start_ip            = "0.0.0.0"
  end_ip              = "255.255.255.255"
}
