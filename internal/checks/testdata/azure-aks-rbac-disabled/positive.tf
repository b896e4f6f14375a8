resource "azurerm_kubernetes_cluster" "current" {
  name       = "aks-current"
  dns_prefix = "akscurrent"
  # want
  role_based_access_control_enabled = false
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name       = "aks-legacy"
  dns_prefix = "akslegacy"

  role_based_access_control {
    # want
    enabled = false
  }
}
