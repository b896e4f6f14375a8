# METADATA
# title: Redshift cluster is not encrypted
# description: |
#   The Redshift cluster stores its tables, backups and snapshots
#   unencrypted. Warehouses concentrate an organization's most sensitive
#   data; a snapshot shared or restored by the wrong account exposes all of
#   it.
# related_resources:
#   - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
# custom:
#   id: aws-redshift-not-encrypted
#   severity: high
#   kind: terraform
#   resources: [aws_redshift_cluster]
#   cwe: [CWE-311]
#   remediation: Set encrypted = true (with kms_key_id for a customer managed key) on the cluster.
#   related:
#     kics: [cfdcabb0-fc06-427c-865b-c59f13e898ce]
#     checkov: [CKV_AWS_64]
#     trivy: [AVD-AWS-0084]
package ward.checks.aws_redshift_not_encrypted

import rego.v1

import data.ward.lib
import data.ward.lib.aws_data

deny contains res if {
	some r in lib.resources("aws_redshift_cluster")
	aws_data.blank(r.config, "snapshot_identifier")
	aws_data.blank(r.config, "snapshot_arn")
	p := aws_data.off(r.config, "encrypted")
	res := lib.result(r, p, sprintf("%s stores its data unencrypted", [r.name]))
}
