# METADATA
# title: BigQuery dataset is accessible to anyone
# description: |
#   Granting dataset access to allUsers or allAuthenticatedUsers lets anyone
#   on the Internet, or anyone with a Google account, query every table in
#   the dataset. Datasets routinely hold customer and business data.
# related_resources:
#   - https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
# custom:
#   id: gcp-bigquery-dataset-public
#   severity: high
#   kind: terraform
#   resources: [google_bigquery_dataset, google_bigquery_dataset_access, google_bigquery_dataset_iam_member, google_bigquery_dataset_iam_binding, google_bigquery_table_iam_member, google_bigquery_table_iam_binding]
#   cwe: [CWE-284]
#   remediation: Remove allUsers and allAuthenticatedUsers from the dataset's access and IAM bindings; grant access to specific users, groups or service accounts.
#   related:
#     checkov: [CKV_GCP_15]
package ward.checks.gcp_bigquery_dataset_public

import rego.v1

import data.ward.lib
import data.ward.lib.tf_gcp

deny contains res if {
	some r in lib.resources("google_bigquery_dataset")
	some i, a in lib.blocks(r.config, "access")
	some attr in ["special_group", "iam_member"]
	a[attr] in tf_gcp.public_members
	res := lib.result(r, sprintf("/access/%d/%s", [i, attr]), sprintf("%s gives %s access to the dataset", [r.name, a[attr]]))
}

deny contains res if {
	some r in lib.resources("google_bigquery_dataset_access")
	some attr in ["special_group", "iam_member"]
	r.config[attr] in tf_gcp.public_members
	res := lib.result(r, sprintf("/%s", [attr]), sprintf("%s gives %s access to the dataset", [r.name, r.config[attr]]))
}

deny contains res if {
	some g in tf_gcp.iam_grants
	some p in ["google_bigquery_dataset_iam_", "google_bigquery_table_iam_"]
	startswith(g.r.type, p)
	g.member in tf_gcp.public_members
	res := lib.result(g.r, g.member_ptr, sprintf("%s grants %s to %s", [g.r.name, tf_gcp.role_text(g.role), g.member]))
}
