variable "access" {}

resource "azurerm_storage_container" "private" {
  name                  = "reports"
  storage_account_name  = azurerm_storage_account.example.name
  container_access_type = "private"
}

resource "azurerm_storage_container" "default" {
  name                 = "backups"
  storage_account_name = azurerm_storage_account.example.name
}

resource "azurerm_storage_container" "unknown" {
  name                  = "misc"
  storage_account_name  = azurerm_storage_account.example.name
  container_access_type = var.access
}
