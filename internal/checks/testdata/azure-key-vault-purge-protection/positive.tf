resource "azurerm_key_vault" "off" {
  name      = "examplekvoff"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  # want
  purge_protection_enabled = false
}

# want
resource "azurerm_key_vault" "default" {
  name      = "examplekvdefault"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
}
