resource "azurerm_storage_share" "shared" {
  name                 = "shared"
  storage_account_name = azurerm_storage_account.example.name
  quota                = 50

  acl {
    id = "read-only-policy"

    access_policy {
      permissions = "r"
    }
  }

  acl {
    id = "everything-policy"

    access_policy {
      # want
      permissions = "rwdl"
      expiry      = "2030-01-01T00:00:00.0000000Z"
    }
  }
}

resource "azurerm_storage_share" "create" {
  name                 = "create"
  storage_account_name = azurerm_storage_account.example.name
  quota                = 10

  acl {
    id = "all-policy"

    access_policy {
      # want
      permissions = "rcwdl"
    }
  }
}
