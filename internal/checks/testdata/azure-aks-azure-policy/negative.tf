variable "policy" {}

resource "azurerm_kubernetes_cluster" "on" {
  name                 = "aks-on"
  dns_prefix           = "akson"
  azure_policy_enabled = true
}

resource "azurerm_kubernetes_cluster" "addon_on" {
  name       = "aks-addon-on"
  dns_prefix = "aksaddonon"

  addon_profile {
    azure_policy {
      enabled = true
    }
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name                 = "aks-unknown"
  dns_prefix           = "aksunknown"
  azure_policy_enabled = var.policy
}
