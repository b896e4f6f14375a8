variable "rbac" {}

resource "azurerm_kubernetes_cluster" "default" {
  name       = "aks-default"
  dns_prefix = "aksdefault"
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name       = "aks-legacy"
  dns_prefix = "akslegacy"

  role_based_access_control {
    enabled = true
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name                              = "aks-unknown"
  dns_prefix                        = "aksunknown"
  role_based_access_control_enabled = var.rbac
}
