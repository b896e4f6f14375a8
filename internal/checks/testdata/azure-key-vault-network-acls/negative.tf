variable "action" {}
variable "public" {}

resource "azurerm_key_vault" "deny" {
  name      = "examplekvdeny"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"

  network_acls {
    bypass         = "AzureServices"
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/28"]
  }
}

resource "azurerm_key_vault" "private" {
  name                          = "examplekvprivate"
  sku_name                      = "standard"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  public_network_access_enabled = false
}

resource "azurerm_key_vault" "unknown" {
  name      = "examplekvunknown"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"

  network_acls {
    bypass         = "AzureServices"
    default_action = var.action
  }
}

resource "azurerm_key_vault" "unknown_public" {
  name                          = "examplekvunknownpublic"
  sku_name                      = "standard"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  public_network_access_enabled = var.public
}
