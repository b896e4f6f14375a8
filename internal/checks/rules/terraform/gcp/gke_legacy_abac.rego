# METADATA
# title: GKE cluster enables legacy ABAC
# description: |
#   Legacy attribute-based access control grants broad, statically configured
#   permissions that bypass Kubernetes RBAC; with it on, service accounts can
#   get cluster-wide rights that RBAC policies do not show.
# related_resources:
#   - https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
# custom:
#   id: gcp-gke-legacy-abac
#   severity: high
#   kind: terraform
#   resources: [google_container_cluster]
#   cwe: [CWE-284]
#   remediation: Remove enable_legacy_abac = true (it defaults to false) and grant access with RBAC roles.
#   related:
#     checkov: [CKV_GCP_7]
package ward.checks.gcp_gke_legacy_abac

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_container_cluster")
	lib.is_true(r.config.enable_legacy_abac)
	res := lib.result(r, "/enable_legacy_abac", sprintf("%s enables legacy ABAC", [r.name]))
}
