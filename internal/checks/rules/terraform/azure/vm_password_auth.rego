# METADATA
# title: Linux virtual machine allows password authentication
# description: |
#   A Linux VM or scale set with password authentication enabled accepts SSH
#   logins by password, which can be guessed, sprayed or reused from other
#   breaches. SSH keys resist these attacks.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed
# custom:
#   id: azure-vm-password-auth
#   severity: medium
#   kind: terraform
#   resources: [azurerm_linux_virtual_machine, azurerm_linux_virtual_machine_scale_set, azurerm_virtual_machine, azurerm_virtual_machine_scale_set]
#   cwe: [CWE-309]
#   remediation: Set disable_password_authentication = true and give the VM an admin_ssh_key (ssh_keys in os_profile_linux_config for the older resources).
#   related:
#     kics: [dafe30ec-325d-4516-85d1-e8e6776f012c]
#     checkov: [CKV_AZURE_1]
package ward.checks.azure_vm_password_auth

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources_of({"azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"})
	lib.is_false(r.config.disable_password_authentication)
	res := lib.result(r, "/disable_password_authentication", sprintf("%s allows SSH password authentication", [r.name]))
}

deny contains res if {
	some r in lib.resources_of({"azurerm_virtual_machine", "azurerm_virtual_machine_scale_set"})
	some i, linux in lib.blocks(r.config, "os_profile_linux_config")
	lib.is_false(linux.disable_password_authentication)
	ptr := sprintf("/os_profile_linux_config/%d/disable_password_authentication", [i])
	res := lib.result(r, ptr, sprintf("%s allows SSH password authentication", [r.name]))
}
