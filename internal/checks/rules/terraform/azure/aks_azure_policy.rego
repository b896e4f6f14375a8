# METADATA
# title: AKS cluster does not run the Azure Policy add-on
# description: |
#   The Azure Policy add-on enforces policies (no privileged pods, allowed
#   registries, required labels) on what is deployed into the cluster and
#   reports on compliance. Without it, nothing at the cluster level stops a
#   workload that breaks those rules.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes
# custom:
#   id: azure-aks-azure-policy
#   severity: low
#   kind: terraform
#   resources: [azurerm_kubernetes_cluster]
#   cwe: [CWE-693]
#   remediation: Set azure_policy_enabled = true (azurerm 3.0 and later) or addon_profile { azure_policy { enabled = true } } on older providers.
#   related:
#     kics: [43789711-161b-4708-b5bb-9d1c626f7492]
#     checkov: [CKV_AZURE_116]
package ward.checks.azure_aks_azure_policy

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	lib.is_false(r.config.azure_policy_enabled)
	res := lib.result(r, "/azure_policy_enabled", sprintf("%s disables the Azure Policy add-on", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	lib.missing(r.config, "azure_policy_enabled")
	some i, addon in lib.blocks(r.config, "addon_profile")
	some j, policy in lib.blocks(addon, "azure_policy")
	lib.is_false(policy.enabled)
	ptr := sprintf("/addon_profile/%d/azure_policy/%d/enabled", [i, j])
	res := lib.result(r, ptr, sprintf("%s disables the Azure Policy add-on", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	lib.missing(r.config, "azure_policy_enabled")
	addons := lib.blocks(r.config, "addon_profile")
	count(addons) > 0
	every addon in addons {
		count(lib.blocks(addon, "azure_policy")) == 0
	}
	res := lib.result(r, "/addon_profile/0", sprintf("%s does not enable the Azure Policy add-on", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_kubernetes_cluster")
	lib.missing(r.config, "azure_policy_enabled")
	count(lib.blocks(r.config, "addon_profile")) == 0
	res := lib.result(r, "", sprintf("%s does not enable the Azure Policy add-on", [r.name]))
}
