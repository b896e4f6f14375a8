variable "purge" {}

resource "azurerm_key_vault" "on" {
  name                     = "examplekvon"
  sku_name                 = "standard"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  purge_protection_enabled = true
}

resource "azurerm_key_vault" "unknown" {
  name                     = "examplekvunknown"
  sku_name                 = "standard"
  tenant_id                = "00000000-0000-0000-0000-000000000000"
  purge_protection_enabled = var.purge
}
