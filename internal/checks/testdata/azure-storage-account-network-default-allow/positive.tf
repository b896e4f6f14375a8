resource "azurerm_storage_account" "inline" {
  name                     = "exampleinline"
  account_tier             = "Standard"
  account_replication_type = "LRS"

  network_rules {
    # want
    default_action = "Allow"
  }
}

# want
resource "azurerm_storage_account" "none" {
  name                     = "examplenone"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "separate" {
  name                     = "exampleseparate"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "separate" {
  storage_account_id = azurerm_storage_account.separate.id
  # want
  default_action     = "Allow"
}
