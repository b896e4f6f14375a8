# METADATA
# title: DocumentDB cluster is not encrypted
# description: |
#   The DocumentDB cluster keeps its documents, backups and snapshots
#   unencrypted (the default). Anyone who obtains a snapshot reads the whole
#   database, and encryption cannot be enabled after creation.
# related_resources:
#   - https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html
# custom:
#   id: aws-docdb-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_docdb_cluster]
#   cwe: [CWE-311]
#   remediation: Set storage_encrypted = true (and kms_key_id for a customer managed key) when creating the cluster.
#   related:
#     kics: [bc1f9009-84a0-490f-ae09-3e0ea6d74ad6]
#     checkov: [CKV_AWS_74]
#     trivy: [AVD-AWS-0021]
package ward.checks.aws_docdb_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_docdb_cluster")
	aws_data.blank(r.config, "snapshot_identifier")
	p := aws_data.off(r.config, "storage_encrypted")
	res := lib.result(r, p, sprintf("%s stores its data unencrypted", [r.name]))
}
