# METADATA
# title: Cloud SQL instance accepts unencrypted connections
# description: |
#   Unless SSL/TLS is required, clients may connect to the instance in clear
#   text, and passwords and query results can be read or altered on the
#   network. The default ssl_mode allows unencrypted connections.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/configure-ssl-instance
# custom:
#   id: gcp-sql-ssl-not-required
#   severity: medium
#   kind: terraform
#   resources: [google_sql_database_instance]
#   cwe: [CWE-319]
#   remediation: Set settings.ip_configuration.ssl_mode = "ENCRYPTED_ONLY" (or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"); require_ssl = true on older providers.
#   related:
#     checkov: [CKV_GCP_6]
package ward.checks.gcp_sql_ssl_not_required

import rego.v1

import data.ward.lib

encrypted_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	some j, ip in lib.blocks(s, "ip_configuration")
	ip.ssl_mode == "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
	res := lib.result(r, sprintf("/settings/%d/ip_configuration/%d/ssl_mode", [i, j]), sprintf("%s allows unencrypted connections", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	some j, ip in lib.blocks(s, "ip_configuration")
	lib.missing(ip, "ssl_mode")
	lib.is_false(ip.require_ssl)
	res := lib.result(r, sprintf("/settings/%d/ip_configuration/%d/require_ssl", [i, j]), sprintf("%s does not require SSL", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	some j, ip in lib.blocks(s, "ip_configuration")
	lib.missing(ip, "ssl_mode")
	lib.missing(ip, "require_ssl")
	res := lib.result(r, sprintf("/settings/%d/ip_configuration/%d", [i, j]), sprintf("%s does not require SSL (ssl_mode defaults to allowing unencrypted connections)", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	count(lib.blocks(s, "ip_configuration")) == 0
	res := lib.result(r, sprintf("/settings/%d", [i]), sprintf("%s has no ip_configuration requiring SSL", [r.name]))
}
