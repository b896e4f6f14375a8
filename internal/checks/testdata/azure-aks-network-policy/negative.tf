variable "policy" {}

resource "azurerm_kubernetes_cluster" "azure" {
  name       = "aks-azure"
  dns_prefix = "aksazure"

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name       = "aks-unknown"
  dns_prefix = "aksunknown"

  network_profile {
    network_plugin = "kubenet"
    network_policy = var.policy
  }
}
