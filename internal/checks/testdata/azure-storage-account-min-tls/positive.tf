resource "azurerm_storage_account" "old" {
  name                     = "exampleold"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  # want
  min_tls_version          = "TLS1_0"
}

resource "azurerm_storage_account" "older" {
  name                     = "exampleolder"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  # want
  min_tls_version          = "TLS1_1"
}
