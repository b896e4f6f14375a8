variable "action" {}
variable "public" {}

resource "azurerm_storage_account" "inline" {
  name                     = "exampleinline"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    default_action = "Deny"
    ip_rules       = ["203.0.113.10"]
  }
}

resource "azurerm_storage_account" "separate" {
  name                     = "exampleseparate"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  default_action     = "Deny"
}

resource "azurerm_storage_account" "private" {
  name                          = "exampleprivate"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}

resource "azurerm_storage_account" "unknown" {
  name                          = "exampleunknown"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = var.public

  network_rules {
    default_action = var.action
  }
}
