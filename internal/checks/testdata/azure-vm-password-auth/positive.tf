resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "example-vm"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  network_interface_ids = [azurerm_network_interface.example.id]
  # want
  disable_password_authentication = false
}

resource "azurerm_virtual_machine" "legacy" {
  name                  = "example-legacy"
  vm_size               = "Standard_DS1_v2"
  network_interface_ids = [azurerm_network_interface.example.id]

  os_profile_linux_config {
    # want
    disable_password_authentication = false
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "vmss" {
  name           = "example-vmss"
  sku            = "Standard_F2"
  instances      = 2
  admin_username = "azureuser"
  # want
  disable_password_authentication = false
}
