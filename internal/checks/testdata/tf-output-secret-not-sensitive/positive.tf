# want
output "db_password" {
  value       = random_password.db.result
  description = "Database password."
}

output "storage_access_key" {
  value       = azurerm_storage_account.main.primary_access_key
  description = "Primary access key."
  # want
  sensitive   = false
}
