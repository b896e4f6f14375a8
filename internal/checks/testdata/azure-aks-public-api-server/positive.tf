# want
resource "azurerm_kubernetes_cluster" "default" {
  name       = "aks-default"
  dns_prefix = "aksdefault"
}

resource "azurerm_kubernetes_cluster" "public" {
  name       = "aks-public"
  dns_prefix = "akspublic"
  # want
  private_cluster_enabled = false

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}
