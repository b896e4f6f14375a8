# METADATA
# title: File share access policy grants every permission
# description: |
#   A stored access policy on a file share that grants read, write, delete and
#   list lets every SAS token issued under it do anything to the share's files.
#   Whoever obtains one such token can read, overwrite or wipe the share.
#   Policies should grant only the operations their clients need.
# related_resources:
#   - https://learn.microsoft.com/en-us/rest/api/storageservices/define-stored-access-policy
# custom:
#   id: azure-storage-share-acl-all-permissions
#   severity: medium
#   kind: terraform
#   resources: [azurerm_storage_share]
#   cwe: [CWE-732]
#   remediation: Narrow acl.access_policy.permissions to the operations clients need (for example "r" or "rl") and issue separate policies for writers.
#   related:
#     kics: [5ed0a5f3-6b81-4a6c-a7d1-0f1d8d9ae806]
package ward.checks.azure_storage_share_acl_all_permissions

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("azurerm_storage_share")
	some i, acl in lib.blocks(r.config, "acl")
	some j, policy in lib.blocks(acl, "access_policy")
	perms := policy.permissions
	is_string(perms)
	every p in ["r", "w", "d", "l"] {
		contains(lower(perms), p)
	}
	ptr := sprintf("/acl/%d/access_policy/%d/permissions", [i, j])
	res := lib.result(r, ptr, sprintf("%s access policy grants %q: read, write, delete and list", [r.name, perms]))
}
