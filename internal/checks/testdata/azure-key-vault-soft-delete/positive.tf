resource "azurerm_key_vault" "legacy" {
  name      = "examplekvlegacy"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  # want
  soft_delete_enabled = false
}

resource "azurerm_key_vault" "short" {
  name      = "examplekvshort"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
  # want
  soft_delete_retention_days = 7
}
