resource "azurerm_kubernetes_cluster" "off" {
  name       = "aks-off"
  dns_prefix = "aksoff"
  # want
  azure_policy_enabled = false
}

resource "azurerm_kubernetes_cluster" "addon_off" {
  name       = "aks-addon-off"
  dns_prefix = "aksaddonoff"

  addon_profile {
    azure_policy {
      # want
      enabled = false
    }
  }
}

resource "azurerm_kubernetes_cluster" "addon_empty" {
  name       = "aks-addon-empty"
  dns_prefix = "aksaddonempty"

  # want
  addon_profile {}
}

# want
resource "azurerm_kubernetes_cluster" "default" {
  name       = "aks-default"
  dns_prefix = "aksdefault"
}
