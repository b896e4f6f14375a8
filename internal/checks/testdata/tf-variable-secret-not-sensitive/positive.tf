# want
variable "admin_password" {
  type        = string
  description = "Password of the admin user."
}

variable "api_token" {
  type        = string
  description = "API token."
  # want
  sensitive   = false
}
