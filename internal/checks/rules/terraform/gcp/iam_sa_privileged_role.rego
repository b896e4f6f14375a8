# METADATA
# title: Service account is granted an owner, editor or admin role
# description: |
#   A service account holding roles/owner, roles/editor or an administrator
#   role can change most of the resources it is granted on. Service account
#   keys leak and workloads get compromised; whoever holds the account's
#   credentials then controls the project, often without a human in the loop
#   to notice.
# related_resources:
#   - https://cloud.google.com/iam/docs/best-practices-service-accounts#restrict-admin-privileges
# custom:
#   id: gcp-iam-sa-privileged-role
#   severity: high
#   kind: terraform
#   resources: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_folder_iam_binding, google_organization_iam_member, google_organization_iam_binding, data.google_iam_policy]
#   cwe: [CWE-250]
#   remediation: Grant the service account predefined or custom roles limited to the actions its workload performs, on the narrowest resource that works.
#   related:
#     kics: [84d36481-fd63-48cb-838e-635c44806ec2, cefdad16-0dd5-4ac5-8ed2-a37502c78672]
#     checkov: [CKV_GCP_42]
package ward.checks.gcp_iam_sa_privileged_role

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some g in tf_gcp.iam_grants
	in_scope(g.r)
	tf_gcp.service_account_member(g.member)
	privileged(g.role)
	res := lib.result(g.r, g.role_ptr, sprintf("%s grants %s to %s", [g.r.name, g.role, g.member]))
}

in_scope(r) if tf_gcp.project_level(r.type)

in_scope(r) if {
	r.type == "data.google_iam_policy"
	not tf_gcp.applied_low(r)
}

privileged(role) if role in {"roles/owner", "roles/editor"}

privileged(role) if {
	is_string(role)
	startswith(role, "roles/")
	contains(lower(role), "admin")
}
