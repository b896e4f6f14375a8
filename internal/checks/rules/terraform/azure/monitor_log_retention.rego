# METADATA
# title: Activity log is kept for less than a year
# description: |
#   The activity log records who changed what in the subscription. A log
#   profile that keeps it for under 365 days, or has its retention policy
#   disabled, loses the trail before slow-moving intrusions are usually
#   found and before most audit requirements are met.
# related_resources:
#   - https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log
# custom:
#   id: azure-monitor-log-retention
#   severity: low
#   kind: terraform
#   resources: [azurerm_monitor_log_profile]
#   cwe: [CWE-778]
#   remediation: Set retention_policy { enabled = true, days = 365 } (or days = 0 to keep the log indefinitely).
#   related:
#     kics: [2b856bf9-8e8c-4005-875f-303a8cba3918]
#     checkov: [CKV_AZURE_37]
package ward.checks.azure_monitor_log_retention

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_monitor_log_profile")
	some i, p in lib.blocks(r.config, "retention_policy")
	lib.is_false(p.enabled)
	res := lib.result(r, sprintf("/retention_policy/%d/enabled", [i]), sprintf("%s disables its retention policy", [r.name]))
}

deny contains res if {
	some r in lib.resources("azurerm_monitor_log_profile")
	some i, p in lib.blocks(r.config, "retention_policy")
	lib.is_true(p.enabled)
	days := p.days
	is_number(days)
	days > 0
	days < 365
	res := lib.result(r, sprintf("/retention_policy/%d/days", [i]), sprintf("%s keeps the activity log for only %d days", [r.name, days]))
}

deny contains res if {
	some r in lib.resources("azurerm_monitor_log_profile")
	some i, p in lib.blocks(r.config, "retention_policy")
	lib.is_true(p.enabled)
	lib.missing(p, "days")
	res := lib.result(r, sprintf("/retention_policy/%d", [i]), sprintf("%s enables retention without setting days", [r.name]))
}
