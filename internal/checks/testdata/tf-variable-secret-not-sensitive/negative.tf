variable "admin_password" {
  type        = string
  description = "Password of the admin user."
  sensitive   = true
}

variable "create_access_key" {
  type        = bool
  default     = true
  description = "Whether to create an access key."
}

variable "secret_name" {
  type        = string
  description = "Name of the secret in the vault."
}

variable "token_ttl" {
  default     = 3600
  description = "Token lifetime in seconds."
}
