variable "tls" {}

resource "azurerm_storage_account" "ok" {
  name                     = "exampleok"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_storage_account" "default" {
  name                     = "exampledefault"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account" "unknown" {
  name                     = "exampleunknown"
  account_tier             = "Standard"
  account_replication_type = "LRS"
  min_tls_version          = var.tls
}
