variable "db_password" {
  sensitive = true
}

variable "expires" {}

resource "azurerm_key_vault_secret" "dated" {
  name            = "db-password"
  value           = var.db_password
  key_vault_id    = azurerm_key_vault.example.id
  content_type    = "password"
  expiration_date = "2030-12-31T00:00:00Z"
}

resource "azurerm_key_vault_secret" "unknown" {
  name            = "api-password"
  value           = var.db_password
  key_vault_id    = azurerm_key_vault.example.id
  content_type    = "password"
  expiration_date = var.expires
}

resource "azurerm_key_vault_key" "rotated" {
  name         = "data-key"
  key_vault_id = azurerm_key_vault.example.id
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt"]

  rotation_policy {
    expire_after         = "P90D"
    notify_before_expiry = "P29D"
  }
}
