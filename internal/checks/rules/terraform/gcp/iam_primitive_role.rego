# METADATA
# title: User or group is granted the owner or editor role
# description: |
#   The basic roles owner and editor carry thousands of permissions across
#   every service of the project (or folder, or organization). People who
#   hold them can read and change far more than their job needs, and a
#   phished account becomes a project-wide compromise.
# related_resources:
#   - https://cloud.google.com/iam/docs/understanding-roles#basic
# custom:
#   id: gcp-iam-primitive-role
#   severity: medium
#   kind: terraform
#   resources: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_folder_iam_binding, google_organization_iam_member, google_organization_iam_binding, data.google_iam_policy]
#   cwe: [CWE-250]
#   remediation: Replace roles/owner and roles/editor with predefined roles for the services each person or group works with.
package ward.checks.gcp_iam_primitive_role

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some g in tf_gcp.iam_grants
	tf_gcp.high_level_grant(g)
	g.role in {"roles/owner", "roles/editor"}
	tf_gcp.human_member(g.member)
	res := lib.result(g.r, g.role_ptr, sprintf("%s grants %s to %s", [g.r.name, g.role, g.member]))
}
