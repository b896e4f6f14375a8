# METADATA
# title: Same principal administers KMS keys and uses them
# description: |
#   A principal that holds roles/cloudkms.admin and a CryptoKey encrypter or
#   decrypter role can both change who may use the keys and decrypt data
#   with them. Separating the two duties means no single account can grant
#   itself access to protected data.
# related_resources:
#   - https://cloud.google.com/kms/docs/separation-of-duties
# custom:
#   id: gcp-iam-kms-separation-of-duties
#   severity: medium
#   kind: terraform
#   resources: [google_project_iam_policy, google_folder_iam_policy, google_organization_iam_policy, google_project_iam_member, google_project_iam_binding]
#   cwe: [CWE-269]
#   remediation: Give roles/cloudkms.admin and the cloudkms.cryptoKey* roles to different principals.
#   related:
#     kics: [92e4464a-4139-4d57-8742-b5acc0347680]
package ward.checks.gcp_iam_kms_separation_of_duties

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

crypto_role(role) if {
	is_string(role)
	startswith(role, "roles/cloudkms.cryptoKey")
}

# A project, folder or organization policy built from a data.google_iam_policy
# that binds both roles to the same member.
deny contains res if {
	some p in lib.resources_of(tf_gcp.high_level_policies)
	some d in lib.resources("data.google_iam_policy")
	lib.refers(p, d)
	some a in tf_gcp.iam_grants
	a.r.id == d.id
	a.role == "roles/cloudkms.admin"
	some c in tf_gcp.iam_grants
	c.r.id == d.id
	crypto_role(c.role)
	c.member == a.member
	res := lib.result(p, "/policy_data", sprintf("%s gives %s both roles/cloudkms.admin and %s", [p.name, a.member, c.role]))
}

# Separate member/binding resources on the same project.
deny contains res if {
	some a in tf_gcp.iam_grants
	startswith(a.r.type, "google_project_iam_")
	a.role == "roles/cloudkms.admin"
	some c in tf_gcp.iam_grants
	startswith(c.r.type, "google_project_iam_")
	crypto_role(c.role)
	c.member == a.member
	same_project(a.r.config, c.r.config)
	res := lib.result(c.r, c.role_ptr, sprintf("%s gives %s %s, and %s gives it roles/cloudkms.admin", [c.r.name, c.member, c.role, a.r.name]))
}

same_project(x, y) if {
	lib.missing(x, "project")
	lib.missing(y, "project")
}

same_project(x, y) if {
	is_string(x.project)
	x.project == y.project
}
