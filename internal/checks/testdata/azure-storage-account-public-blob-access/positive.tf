resource "azurerm_storage_account" "nested" {
  name                            = "examplenested"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  # want
  allow_nested_items_to_be_public = true
}

resource "azurerm_storage_account" "legacy" {
  name                     = "examplelegacy"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  # want
  allow_blob_public_access = true
}

# want
resource "azurerm_storage_account" "default" {
  name                     = "exampledefault"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
