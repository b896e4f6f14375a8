variable "permissions" {}

resource "azurerm_storage_share" "readers" {
  name                 = "readers"
  storage_account_name = azurerm_storage_account.example.name
  quota                = 50

  acl {
    id = "read-list-policy"

    access_policy {
      permissions = "rl"
    }
  }
}

resource "azurerm_storage_share" "writers" {
  name                 = "writers"
  storage_account_name = azurerm_storage_account.example.name
  quota                = 50

  acl {
    id = "write-policy"

    access_policy {
      permissions = "rwl"
    }
  }
}

resource "azurerm_storage_share" "unknown" {
  name                 = "unknown"
  storage_account_name = azurerm_storage_account.example.name
  quota                = 50

  acl {
    id = "variable-policy"

    access_policy {
      permissions = var.permissions
    }
  }
}

resource "azurerm_storage_share" "none" {
  name                 = "none"
  storage_account_name = azurerm_storage_account.example.name
  quota                = 50
}
