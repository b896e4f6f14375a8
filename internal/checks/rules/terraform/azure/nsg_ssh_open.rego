# METADATA
# title: Network security rule opens SSH to the Internet
# description: |
#   An inbound Allow rule from any source (*, Internet, 0.0.0.0/0) to port
#   22 exposes the SSH service of the machines behind it to the whole
#   Internet, where it is continuously scanned and attacked with password
#   guessing and exploits.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
# custom:
#   id: azure-nsg-ssh-open
#   severity: high
#   kind: terraform
#   resources: [azurerm_network_security_rule, azurerm_network_security_group]
#   cwe: [CWE-284]
#   remediation: Restrict source_address_prefix(es) to known administration networks, or close the port and use Azure Bastion or just-in-time VM access.
#   related:
#     checkov: [CKV_AZURE_10]
package ward.checks.azure_nsg_ssh_open

import rego.v1

import data.ward.lib
import data.ward.lib.tf_azure

deny contains res if {
	some x in tf_azure.nsg_rules
	tf_azure.inbound_allow(x.rule)
	srcs := tf_azure.open_source_ptrs(x.rule)
	count(srcs) > 0
	tf_azure.covers_port(x.rule, 22)
	res := lib.result(x.r, concat("", [x.ptr, srcs[0]]), sprintf("%s allows SSH (port 22) from any address", [x.r.name]))
}
