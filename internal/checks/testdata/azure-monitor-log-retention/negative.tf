variable "days" {}

resource "azurerm_monitor_log_profile" "year" {
  name       = "year"
  categories = ["Action", "Delete", "Write"]
  locations  = ["westus", "global"]

  retention_policy {
    enabled = true
    days    = 365
  }
}

resource "azurerm_monitor_log_profile" "forever" {
  name       = "forever"
  categories = ["Action", "Delete", "Write"]
  locations  = ["westus", "global"]

  retention_policy {
    enabled = true
    days    = 0
  }
}

resource "azurerm_monitor_log_profile" "unknown" {
  name       = "unknown"
  categories = ["Action", "Delete", "Write"]
  locations  = ["westus", "global"]

  retention_policy {
    enabled = true
    days    = var.days
  }
}
