variable "public" {}

resource "azurerm_storage_account" "closed" {
  name                            = "exampleclosed"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_account" "legacy" {
  name                     = "examplelegacy"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  allow_blob_public_access = false
}

resource "azurerm_storage_account" "unknown" {
  name                            = "exampleunknown"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  allow_nested_items_to_be_public = var.public
}
