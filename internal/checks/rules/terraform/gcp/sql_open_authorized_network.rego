# METADATA
# title: Cloud SQL instance authorizes connections from any address
# description: |
#   An authorized network of 0.0.0.0/0 lets any address on the Internet
#   connect to the instance's public IP, exposing the database to password
#   guessing, credential stuffing and database engine exploits.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/authorize-networks
# custom:
#   id: gcp-sql-open-authorized-network
#   severity: critical
#   kind: terraform
#   resources: [google_sql_database_instance]
#   cwe: [CWE-284]
#   remediation: Remove the 0.0.0.0/0 authorized network; list only the client networks that need access, or connect through private IP or the Cloud SQL Auth Proxy.
#   related:
#     checkov: [CKV_GCP_11]
package ward.checks.gcp_sql_open_authorized_network

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	some j, ip in lib.blocks(s, "ip_configuration")
	some k, n in lib.blocks(ip, "authorized_networks")
	lib.cidr_open(n.value)
	ptr := sprintf("/settings/%d/ip_configuration/%d/authorized_networks/%d/value", [i, j, k])
	res := lib.result(r, ptr, sprintf("%s authorizes %s to connect", [r.name, n.value]))
}
