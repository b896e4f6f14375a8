variable "https" {}

resource "azurerm_storage_account" "default" {
  name                     = "exampledefault"
  account_tier             = "Standard"
  account_replication_type = "GRS"
}

resource "azurerm_storage_account" "explicit" {
  name                       = "exampleexplicit"
  account_tier               = "Standard"
  account_replication_type   = "GRS"
  https_traffic_only_enabled = true
}

resource "azurerm_storage_account" "unknown" {
  name                      = "exampleunknown"
  account_tier              = "Standard"
  account_replication_type  = "GRS"
  enable_https_traffic_only = var.https
}
