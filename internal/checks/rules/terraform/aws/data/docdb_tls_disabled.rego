# METADATA
# title: DocumentDB parameter group disables TLS
# description: |
#   A cluster parameter group with tls = "disabled" lets clients connect to
#   DocumentDB without TLS, so credentials and documents cross the network
#   in plaintext.
# related_resources:
#   - https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html
# custom:
#   id: aws-docdb-tls-disabled
#   severity: high
#   kind: terraform
#   resources: [aws_docdb_cluster_parameter_group]
#   cwe: [CWE-319]
#   remediation: Set the tls parameter to "enabled" (or a TLS-only value such as "tls1.2+") and connect with the Amazon DocumentDB CA bundle.
#   related:
#     checkov: [CKV_AWS_90]
package ward.checks.aws_docdb_tls_disabled

import rego.v1

import data.ward.lib

deny contains res if {
	some r in lib.resources("aws_docdb_cluster_parameter_group")
	some i, p in lib.blocks(r.config, "parameter")
	p.name == "tls"
	p.value == "disabled"
	res := lib.result(r, sprintf("/parameter/%d/value", [i]), sprintf("%s turns TLS off", [r.name]))
}
