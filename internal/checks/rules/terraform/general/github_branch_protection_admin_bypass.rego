# METADATA
# title: Branch protection does not apply to administrators
# description: |
#   Unless enforce_admins is set, repository administrators can push directly
#   to the protected branch and merge without reviews or passing checks. An
#   administrator's compromised account or token then bypasses every rule the
#   protection sets.
# related_resources:
#   - https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#do-not-allow-bypassing-the-above-settings
# custom:
#   id: github-branch-protection-admin-bypass
#   severity: low
#   kind: terraform
#   resources: [github_branch_protection, github_branch_protection_v3]
#   cwe: [CWE-284]
#   remediation: Set enforce_admins = true.
package ward.checks.github_branch_protection_admin_bypass

import rego.v1

import data.ward.lib

types := {"github_branch_protection", "github_branch_protection_v3"}

deny contains res if {
	some r in lib.resources_of(types)
	lib.is_false(r.config.enforce_admins)
	res := lib.result(r, "/enforce_admins", sprintf("%s lets administrators bypass it", [r.name]))
}

deny contains res if {
	some r in lib.resources_of(types)
	lib.missing(r.config, "enforce_admins")
	res := lib.result(r, "", sprintf("%s does not set enforce_admins: administrators bypass it", [r.name]))
}
