output "db_password" {
  value       = random_password.db.result
  description = "Database password."
  sensitive   = true
}

output "db_password_secret_arn" {
  value       = aws_secretsmanager_secret.db.arn
  description = "ARN of the secret holding the password."
}

output "token_enabled" {
  value       = true
  description = "Whether tokens are issued."
}

output "endpoint" {
  value       = aws_db_instance.main.endpoint
  description = "Database endpoint."
}
