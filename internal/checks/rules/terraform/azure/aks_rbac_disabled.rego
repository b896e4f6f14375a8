# METADATA
# title: AKS cluster has Kubernetes RBAC disabled
# description: |
#   Without role-based access control, every authenticated user and service
#   account of the cluster gets full rights over every object, so a single
#   compromised pod token or kubeconfig is enough to take over the cluster.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/aks/concepts-identity#kubernetes-rbac
# custom:
#   id: azure-aks-rbac-disabled
#   severity: high
#   kind: terraform
#   resources: [azurerm_kubernetes_cluster]
#   cwe: [CWE-284]
#   remediation: Set role_based_access_control_enabled = true (the default), or role_based_access_control { enabled = true } on azurerm before 3.0.
#   related:
#     checkov: [CKV_AZURE_5]
package ward.checks.azure_aks_rbac_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	lib.is_false(r.config.role_based_access_control_enabled)
	res := lib.result(r, "/role_based_access_control_enabled", sprintf("%s disables Kubernetes RBAC", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	some i, rbac in lib.blocks(r.config, "role_based_access_control")
	lib.is_false(rbac.enabled)
	res := lib.result(r, sprintf("/role_based_access_control/%d/enabled", [i]), sprintf("%s disables Kubernetes RBAC", [r.name]))
}
