# METADATA
# title: Neptune cluster storage is not encrypted
# description: |
#   The Neptune cluster keeps its graph data, backups and snapshots
#   unencrypted (the default). A leaked or shared snapshot exposes every
#   vertex and edge, and encryption cannot be turned on after creation.
# related_resources:
#   - https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
# custom:
#   id: aws-neptune-storage-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_neptune_cluster]
#   cwe: [CWE-311]
#   remediation: Set storage_encrypted = true (and kms_key_arn for a customer managed key) when creating the cluster.
#   related:
#     checkov: [CKV_AWS_44]
#     trivy: [AVD-AWS-0076]
package ward.checks.aws_neptune_storage_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_neptune_cluster")
	aws_data.blank(r.config, "snapshot_identifier")
	aws_data.blank(r.config, "replication_source_identifier")
	p := aws_data.off(r.config, "storage_encrypted")
	res := lib.result(r, p, sprintf("%s stores its data unencrypted", [r.name]))
}
