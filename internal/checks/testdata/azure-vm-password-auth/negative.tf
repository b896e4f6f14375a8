variable "passwords" {}

resource "azurerm_linux_virtual_machine" "default" {
  name                  = "example-vm"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.example.id]

  admin_ssh_key {
    username   = "azureuser"
    public_key = file("~/.ssh/id_ed25519.pub")
  }
}

resource "azurerm_virtual_machine" "legacy" {
  name                  = "example-legacy"
  vm_size               = "Standard_DS1_v2"
  network_interface_ids = [azurerm_network_interface.example.id]

  os_profile_linux_config {
    disable_password_authentication = true
  }
}

resource "azurerm_virtual_machine_scale_set" "windows" {
  name = "example-windows"
}

resource "azurerm_linux_virtual_machine_scale_set" "unknown" {
  name                            = "example-vmss"
  sku                             = "Standard_F2"
  instances                       = 2
  admin_username                  = "azureuser"
  disable_password_authentication = var.passwords
}
