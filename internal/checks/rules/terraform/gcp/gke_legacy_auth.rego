# METADATA
# title: GKE cluster uses basic authentication or client certificates
# description: |
#   A static user name and password (basic auth) or a long-lived client
#   certificate issued by the cluster grant admin access to the API server
#   that cannot be revoked short of rotating the cluster's credentials, and
#   they bypass Google identity, 2-step verification and audit attribution.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth
# custom:
#   id: gcp-gke-legacy-auth
#   severity: high
#   kind: terraform
#   resources: [google_container_cluster]
#   cwe: [CWE-287]
#   remediation: Remove master_auth's username and password and set client_certificate_config { issue_client_certificate = false }; authenticate with Google identities.
#   related:
#     checkov: [CKV_GCP_19, CKV_GCP_13]
package ward.checks.gcp_gke_legacy_auth

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_cluster")
	some i, auth in lib.blocks(r.config, "master_auth")
	user := auth.username
	is_string(user)
	user != ""
	res := lib.result(r, sprintf("/master_auth/%d/username", [i]), sprintf("%s enables basic authentication", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_container_cluster")
	some i, auth in lib.blocks(r.config, "master_auth")
	some j, cc in lib.blocks(auth, "client_certificate_config")
	lib.is_true(cc.issue_client_certificate)
	res := lib.result(r, sprintf("/master_auth/%d/client_certificate_config/%d/issue_client_certificate", [i, j]), sprintf("%s issues a client certificate", [r.name]))
}
