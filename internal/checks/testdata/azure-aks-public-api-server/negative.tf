variable "ranges" {}

resource "azurerm_kubernetes_cluster" "private" {
  name                    = "aks-private"
  dns_prefix              = "aksprivate"
  private_cluster_enabled = true
}

resource "azurerm_kubernetes_cluster" "authorized" {
  name       = "aks-authorized"
  dns_prefix = "aksauthorized"

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}

resource "azurerm_kubernetes_cluster" "legacy" {
  name                            = "aks-legacy"
  dns_prefix                      = "akslegacy"
  api_server_authorized_ip_ranges = ["198.51.100.0/24"]
}

resource "azurerm_kubernetes_cluster" "unknown" {
  name       = "aks-unknown"
  dns_prefix = "aksunknown"

  api_server_access_profile {
    authorized_ip_ranges = var.ranges
  }
}
