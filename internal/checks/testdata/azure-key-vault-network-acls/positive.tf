resource "azurerm_key_vault" "allow" {
  name      = "examplekvallow"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"

  network_acls {
    bypass         = "AzureServices"
    # want
    default_action = "Allow"
  }
}

# want
resource "azurerm_key_vault" "none" {
  name      = "examplekvnone"
  sku_name  = "standard"
  tenant_id = "00000000-0000-0000-0000-000000000000"
}
