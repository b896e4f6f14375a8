# want
resource "azurerm_kubernetes_cluster" "none" {
  name       = "aks-none"
  dns_prefix = "aksnone"
}

resource "azurerm_kubernetes_cluster" "plugin_only" {
  name       = "aks-plugin"
  dns_prefix = "aksplugin"

  # want
  network_profile {
    network_plugin = "azure"
  }
}
