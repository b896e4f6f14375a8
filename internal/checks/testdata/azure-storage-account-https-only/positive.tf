resource "azurerm_storage_account" "legacy" {
  name                     = "examplelegacy"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  # want
  enable_https_traffic_only = false
}

variable "https" {
  default = false
}

resource "azurerm_storage_account" "current" {
  name                     = "examplecurrent"
  account_tier             = "Standard"
  account_replication_type = "GRS"
  # want
  https_traffic_only_enabled = var.https
}
