resource "azurerm_storage_container" "blob" {
  name                 = "images"
  storage_account_name = azurerm_storage_account.example.name
  # want
  container_access_type = "blob"
}

resource "azurerm_storage_container" "container" {
  name                 = "downloads"
  storage_account_name = azurerm_storage_account.example.name
  # want
  container_access_type = "container"
}
