# METADATA
# title: Virtual network has no DDoS protection plan
# description: |
#   Without a DDoS Network Protection plan, public endpoints in the virtual
#   network get only Azure's basic infrastructure protection, with no
#   adaptive tuning, attack telemetry or cost protection during a volumetric
#   attack.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/ddos-protection/ddos-protection-overview
# custom:
#   id: azure-vnet-ddos-protection
#   severity: low
#   kind: terraform
#   resources: [azurerm_virtual_network]
#   cwe: [CWE-400]
#   remediation: Add ddos_protection_plan { id = azurerm_network_ddos_protection_plan.x.id, enable = true } to virtual networks with public endpoints.
#   related:
#     kics: [b4cc2c52-34a6-4b43-b57c-4bdeb4514a5a]
package ward.checks.azure_vnet_ddos_protection

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_virtual_network")
	count(lib.blocks(r.config, "ddos_protection_plan")) == 0
	res := lib.result(r, "", sprintf("%s has no DDoS protection plan", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_virtual_network")
	some i, p in lib.blocks(r.config, "ddos_protection_plan")
	lib.is_false(p.enable)
	res := lib.result(r, sprintf("/ddos_protection_plan/%d/enable", [i]), sprintf("%s disables its DDoS protection plan", [r.name]))
}
