variable "db_password" {
  sensitive = true
}

variable "kind" {}

resource "azurerm_key_vault_secret" "typed" {
  name         = "db-password"
  value        = var.db_password
  key_vault_id = azurerm_key_vault.example.id
  content_type = "password"
}

resource "azurerm_key_vault_secret" "unknown" {
  name         = "other"
  value        = var.db_password
  key_vault_id = azurerm_key_vault.example.id
  content_type = var.kind
}
