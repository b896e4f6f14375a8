# METADATA
# title: Cloud SQL instance has a public IP address
# description: |
#   With ipv4_enabled (the default), the instance gets a public IP address.
#   Authorized networks and the Auth Proxy still gate access, but the
#   database is one misconfigured network entry away from the Internet. A
#   private IP on the VPC keeps it off the Internet entirely.
# related_resources:
#   - https://cloud.google.com/sql/docs/mysql/configure-private-ip
# custom:
#   id: gcp-sql-public-ip
#   severity: medium
#   kind: terraform
#   resources: [google_sql_database_instance]
#   cwe: [CWE-284]
#   remediation: Set settings.ip_configuration { ipv4_enabled = false, private_network = <VPC self link> } and connect over private IP.
#   related:
#     checkov: [CKV_GCP_60]
package ward.checks.gcp_sql_public_ip

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	some j, ip in lib.blocks(s, "ip_configuration")
	lib.is_true(ip.ipv4_enabled)
	res := lib.result(r, sprintf("/settings/%d/ip_configuration/%d/ipv4_enabled", [i, j]), sprintf("%s gets a public IP address", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	some j, ip in lib.blocks(s, "ip_configuration")
	lib.missing(ip, "ipv4_enabled")
	res := lib.result(r, sprintf("/settings/%d/ip_configuration/%d", [i, j]), sprintf("%s does not set ipv4_enabled = false: it gets a public IP address", [r.name]))
}

deny contains res if {
	some r in lib.resources("google_sql_database_instance")
	some i, s in lib.blocks(r.config, "settings")
	count(lib.blocks(s, "ip_configuration")) == 0
	res := lib.result(r, sprintf("/settings/%d", [i]), sprintf("%s has no ip_configuration: it gets a public IP address", [r.name]))
}
