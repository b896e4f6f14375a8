variable "db_password" {
  sensitive = true
}

# want
resource "azurerm_key_vault_secret" "missing" {
  name         = "db-password"
  value        = var.db_password
  key_vault_id = azurerm_key_vault.example.id
}

resource "azurerm_key_vault_secret" "empty" {
  name         = "api-password"
  value        = var.db_password
  key_vault_id = azurerm_key_vault.example.id
  # want
  content_type = ""
}
