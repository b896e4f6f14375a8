resource "azurerm_monitor_log_profile" "short" {
  name       = "short"
  categories = ["Action", "Delete", "Write"]
  locations  = ["westus", "global"]

  retention_policy {
    enabled = true
    # want
    days    = 30
  }
}

resource "azurerm_monitor_log_profile" "nodays" {
  name       = "nodays"
  categories = ["Action", "Delete", "Write"]
  locations  = ["westus", "global"]

  # want
  retention_policy {
    enabled = true
  }
}

resource "azurerm_monitor_log_profile" "disabled" {
  name       = "disabled"
  categories = ["Action", "Delete", "Write"]
  locations  = ["westus", "global"]

  retention_policy {
    # want
    enabled = false
  }
}
