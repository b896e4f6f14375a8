variable "db_password" {
  sensitive = true
}

# want
resource "azurerm_key_vault_secret" "forever" {
  name         = "db-password"
  value        = var.db_password
  key_vault_id = azurerm_key_vault.example.id
  content_type = "password"
}

# want
resource "azurerm_key_vault_key" "forever" {
  name         = "data-key"
  key_vault_id = azurerm_key_vault.example.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt"]
}
