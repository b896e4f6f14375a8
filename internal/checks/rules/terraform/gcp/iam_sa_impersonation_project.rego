# METADATA
# title: Service account impersonation is granted on the whole project
# description: |
#   roles/iam.serviceAccountUser and roles/iam.serviceAccountTokenCreator
#   granted on a project (or folder, or organization) let the principal act
#   as every service account in it, including those with broad roles, which
#   turns a narrow grant into an escalation path.
# related_resources:
#   - https://cloud.google.com/iam/docs/service-account-permissions#user-role
# custom:
#   id: gcp-iam-sa-impersonation-project
#   severity: medium
#   kind: terraform
#   resources: [google_project_iam_member, google_project_iam_binding, google_folder_iam_member, google_folder_iam_binding, google_organization_iam_member, google_organization_iam_binding, data.google_iam_policy]
#   cwe: [CWE-269]
#   remediation: Grant these roles on the individual service accounts to be used (google_service_account_iam_member), not on the project.
#   related:
#     checkov: [CKV_GCP_41]
package ward.checks.gcp_iam_sa_impersonation_project

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

deny contains res if {
	some g in tf_gcp.iam_grants
	tf_gcp.high_level_grant(g)
	g.role in roles
	res := lib.result(g.r, g.role_ptr, sprintf("%s grants %s to %s on every service account it covers", [g.r.name, g.role, g.member]))
}
