variable "days" {}

resource "azurerm_key_vault" "default" {
  name      = "examplekvdefault"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
}

resource "azurerm_key_vault" "long" {
  name                       = "examplekvlong"
  sku_name                   = "standard"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  soft_delete_enabled        = true
  soft_delete_retention_days = 90
}

resource "azurerm_key_vault" "unknown" {
  name                       = "examplekvunknown"
  sku_name                   = "standard"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  soft_delete_retention_days = var.days
}
